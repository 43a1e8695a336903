/**
 * The middle and final phases as records: the session's work, communication analysis, role play, decision analysis,
 * ruptures, the mid-course review; the termination checklist, the relapse-prevention plan and the progress review.
 * Field meanings: shared/ipt/DOMAIN.md §1.3–§1.5, §3.3–§3.6, §5, §6; rules live in core (packages/core/src/middle,
 * packages/core/src/ending).
 */
import {
  CommunicationPattern,
  ContinuationDecision,
  DecisionOutcome,
  DisputeStage,
  GoalAttainment,
  MaintenanceFrequency,
  MentalizingDimension,
  MentalizingLapse,
  MidCourseDecision,
  RuptureType,
  Speaker,
  Technique,
  TerminationItem,
  TherapistPlays,
  WarningSignKind,
} from '@ipt/core';
import { z } from 'zod';
import { ChangeOutcomeSchema } from './change.js';
import { Id, IsoDate, IsoDateTime } from './common.js';
import {
  CommunicationAnalysisRecord,
  DecisionAnalysisRecord,
  LifeEventRecord,
  MidCourseReviewRecord,
  RelapsePlanRecord,
  RolePlayRecord,
  RuptureRecord,
  SessionWorkRecord,
  TerminationRecord,
} from './records.js';
import { RiskHistory } from './risk-history.js';

const values = <T extends Record<string, string>>(o: T) => Object.values(o) as [T[keyof T], ...T[keyof T][]];
const text = (max = 4000) => z.string().max(max);
/** Ids of items inside a record (turns, alternatives, options, rounds): client-made, short. */
const ItemId = z.string().min(1).max(64);
const Score0to10 = z.number().int().min(0, 'Use 0 to 10.').max(10, 'Use 0 to 10.');

// ---------- the session's work (DOMAIN §1.3) ----------

export const SessionWorkFields = z.strictObject({
  checkIn: z.strictObject({
    mood: Score0to10.nullable(),
    administrationId: Id.nullable(),
    sinceLastMet: text(),
  }),
  moodEventLink: text(),
  strategies: z.array(z.string().max(100)).max(30),
  disputeStage: z.strictObject({ stage: z.enum(values(DisputeStage)), note: text(2000) }).nullable(),
  techniques: z.array(z.enum(values(Technique))).max(9),
  lastAttemptReview: text(),
  patientWillTry: text(),
  safetyCheck: z.strictObject({ done: z.boolean(), concern: z.boolean(), note: text(2000) }),
  curiosityNote: text(),
});

/**
 * Saves the session's work as you go (fields sent are merged into the record; If-Match "0" creates it). Send
 * `status: "finished"` to finish it; once finished, every change needs a `reason` and the earlier version is kept.
 */
export const SessionWorkRequest = SessionWorkFields.partial()
  .extend({
    status: z.enum(['draft', 'finished']).optional(),
    reason: z.string().trim().min(1, 'Say why a finished session record changes.').max(2000).optional(),
    /**
     * Finish the session's work although a risk flag is open (DOMAIN §10.2: the assessment comes before the note is
     * signed): the written reason is kept and audited, and the flag stays open until a safety review.
     */
    riskOverrideReason: z
      .string()
      .trim()
      .min(1, 'Say why this step goes ahead with a risk flag open.')
      .max(2000)
      .optional(),
  })
  .meta({ id: 'SessionWorkRequest' });

// ---------- communication analysis (DOMAIN §5.4, §5.8) ----------

export const TurnSchema = z.strictObject({
  id: ItemId,
  speaker: z.enum(values(Speaker)),
  words: text(2000),
  toneNonverbal: text(1000),
  patientFeeling: text(1000),
  patientMeant: text(1000),
  otherFeltGuess: text(1000),
  prompts: z.array(z.strictObject({ promptId: z.string().max(64), answer: text(2000) })).max(20),
  lapses: z.array(z.enum(values(MentalizingLapse))).max(3),
});

export const CommunicationAnalysisFields = z.strictObject({
  sessionId: Id,
  personId: Id.nullable(),
  incident: z.string().trim().min(1, 'Say which interaction this is.').max(2000),
  turns: z.array(TurnSchema).max(100),
  intendedVsConveyed: text(),
  patterns: z.array(z.enum(values(CommunicationPattern))).max(6),
  patternNote: text(),
  alternatives: z.array(z.strictObject({ id: ItemId, text: z.string().trim().min(1).max(2000) })).max(30),
  agreedAttempt: text(),
});
export const CreateCommunicationAnalysisRequest = CommunicationAnalysisFields.partial({
  personId: true,
  turns: true,
  intendedVsConveyed: true,
  patterns: true,
  patternNote: true,
  alternatives: true,
  agreedAttempt: true,
}).meta({ id: 'CreateCommunicationAnalysisRequest' });
export const UpdateCommunicationAnalysisRequest = CommunicationAnalysisFields.omit({ sessionId: true })
  .partial()
  .meta({ id: 'UpdateCommunicationAnalysisRequest' });

// ---------- role play (DOMAIN §5.6) ----------

export const RolePlayFields = z.strictObject({
  sessionId: Id,
  analysisId: Id.nullable(),
  alternativeId: ItemId.nullable(),
  personId: Id.nullable(),
  scenario: z.string().trim().min(1, 'Describe the scene to rehearse.').max(2000),
  therapistPlays: z.enum(values(TherapistPlays)),
  rounds: z.array(z.strictObject({ id: ItemId, tried: text(2000), feedback: text(2000) })).max(20),
  confidenceBefore: Score0to10.nullable(),
  confidenceAfter: Score0to10.nullable(),
});
/** Carried from an alternative (analysisId + alternativeId), the scenario may be left out: it is made from them. */
export const CreateRolePlayRequest = RolePlayFields.partial({
  scenario: true,
  analysisId: true,
  alternativeId: true,
  personId: true,
  therapistPlays: true,
  rounds: true,
  confidenceBefore: true,
  confidenceAfter: true,
}).meta({ id: 'CreateRolePlayRequest' });
export const UpdateRolePlayRequest = RolePlayFields.omit({ sessionId: true })
  .partial()
  .meta({ id: 'UpdateRolePlayRequest' });

// ---------- decision analysis (DOMAIN §5.5) ----------

export const DecisionAnalysisFields = z.strictObject({
  sessionId: Id,
  decision: z.string().trim().min(1, 'Say what is to be decided.').max(2000),
  options: z
    .array(
      z.strictObject({
        id: ItemId,
        text: z.string().trim().min(1, 'Describe the option.').max(1000),
        pros: z.array(text(1000)).max(20),
        cons: z.array(text(1000)).max(20),
        emotionalConsequences: text(2000),
      }),
    )
    .max(20),
  chosenOptionId: ItemId.nullable(),
  plan: z.strictObject({ who: text(500), when: text(500), words: text(2000) }),
  outcome: z.strictObject({ sessionId: Id, result: z.enum(values(DecisionOutcome)), note: text(2000) }).nullable(),
});
export const CreateDecisionAnalysisRequest = DecisionAnalysisFields.partial({
  options: true,
  chosenOptionId: true,
  plan: true,
  outcome: true,
}).meta({ id: 'CreateDecisionAnalysisRequest' });
export const UpdateDecisionAnalysisRequest = DecisionAnalysisFields.omit({ sessionId: true })
  .partial()
  .meta({ id: 'UpdateDecisionAnalysisRequest' });

// ---------- therapeutic relationship (DOMAIN §5.7, §5.9) ----------

export const RuptureFields = z.strictObject({
  sessionId: Id,
  type: z.enum(values(RuptureType)),
  observed: z.string().trim().min(1, 'Say what you observed.').max(4000),
  repair: text(),
  metacommunication: z.boolean(),
  linkOutside: text(),
  resolved: z.boolean().nullable(),
});
export const CreateRuptureRequest = RuptureFields.partial({
  repair: true,
  metacommunication: true,
  linkOutside: true,
  resolved: true,
}).meta({ id: 'CreateRuptureRequest' });
export const UpdateRuptureRequest = RuptureFields.omit({ sessionId: true })
  .partial()
  .meta({ id: 'UpdateRuptureRequest' });

// ---------- mid-course review ----------

export const MidCourseReviewRequest = z
  .strictObject({
    decision: z.enum(values(MidCourseDecision)),
    rationale: z.string().trim().min(1, 'Write why.').max(4000),
  })
  .meta({ id: 'MidCourseReviewRequest' });

export const Judgement = z.object({ met: z.boolean().nullable(), definition: z.string(), source: z.string() });

export const MidCourseStatus = z
  .object({
    /** The session the review falls at (default session 8 of 16: the course's mid-point, DOMAIN §1.5). */
    reviewAt: z.number().int(),
    /** not-yet: before the mid-point; responding: reliable improvement shown; decision-needed; decided. */
    state: z.enum(['not-yet', 'responding', 'decision-needed', 'decided']),
    instrumentId: z.string().nullable(),
    baseline: z.number().nullable(),
    latest: z.number().nullable(),
    reliableImprovement: Judgement.nullable(),
    /** Response (a fall of at least half from baseline) also counts as responding (core mid-course.ts). */
    response: Judgement.nullable(),
    review: MidCourseReviewRecord.nullable(),
  })
  .meta({ id: 'MidCourseStatus' });

// ---------- the middle phase in one read ----------

export const MiddlePhaseView = z
  .object({
    courseId: Id,
    plannedSessions: z.number().int(),
    lastSessionNumber: z.number().int(),
    /** Planned sessions not yet held: always visible, to both parties (DOMAIN §1.3). */
    sessionsRemaining: z.number().int(),
    area: z
      .object({ primary: z.string(), secondary: z.string().nullable(), disputePersonId: z.string().nullable() })
      .nullable(),
    /** The chosen area's strategies (DOMAIN §3.3–§3.6), secondary area's after the primary's. */
    strategies: z.array(z.object({ id: z.string(), text: z.string(), source: z.string() })),
    techniques: z.array(z.object({ id: z.enum(values(Technique)), source: z.string() })),
    mentalizingPrompts: z.array(
      z.object({
        id: z.string(),
        dimension: z.enum(values(MentalizingDimension)),
        text: z.string(),
        source: z.string(),
      }),
    ),
    people: z.array(z.object({ id: Id, name: z.string() })),
    sessionWork: z.array(SessionWorkRecord),
    /** Life events recorded at a session (interval events): they feed the timeline and the chart annotations. */
    intervalEvents: z.array(LifeEventRecord),
    analyses: z.array(CommunicationAnalysisRecord),
    rolePlays: z.array(RolePlayRecord),
    decisions: z.array(DecisionAnalysisRecord),
    ruptures: z.array(RuptureRecord),
    /** The dispute's stage as chosen in the initial phase and as reassessed session by session (DOMAIN §3.4). */
    disputeStageHistory: z.array(
      z.object({
        stage: z.enum(values(DisputeStage)),
        sessionId: Id.nullable(),
        sessionNumber: z.number().int().nullable(),
        note: z.string(),
      }),
    ),
    midCourse: MidCourseStatus,
  })
  .meta({ id: 'MiddlePhaseView' });
export type MiddlePhaseView = z.infer<typeof MiddlePhaseView>;

// ---------- termination (DOMAIN §6.1, §6.3) ----------

const TerminationItemState = z.strictObject({ done: z.boolean(), note: text(4000) });

export const TerminationRequest = z
  .strictObject({
    items: z.partialRecord(z.enum(values(TerminationItem)), TerminationItemState),
    whyBetterPatientWords: text(),
    residualGoals: z.array(z.string().trim().min(1).max(1000)).max(20),
    goalAttainment: z
      .array(
        z.strictObject({
          goal: z.string().min(1).max(500),
          attainment: z.enum(values(GoalAttainment)),
          note: text(2000),
        }),
      )
      .max(50),
    continuation: z.strictObject({
      decision: z.enum(values(ContinuationDecision)).nullable(),
      contract: z
        .strictObject({
          frequency: z.enum(values(MaintenanceFrequency)),
          durationMonths: z.number().int().min(1, 'Use at least 1 month.').max(60),
          focus: z.string().trim().min(1, 'Name the focus of the new contract.').max(2000),
          monitoring: text(1000),
        })
        .nullable(),
      note: text(),
    }),
    earlyEndReason: text(),
    /** Ask to complete the checklist: refused, naming what is missing, until every task is done. */
    complete: z.boolean(),
  })
  .partial()
  .meta({ id: 'TerminationRequest' });

// ---------- relapse-prevention plan (DOMAIN §6.2) ----------

export const RelapsePlanRequest = z
  .strictObject({
    warningSigns: z
      .array(z.strictObject({ kind: z.enum(values(WarningSignKind)), text: z.string().trim().min(1).max(1000) }))
      .max(30),
    triggersAnticipated: z.array(z.string().trim().min(1).max(1000)).max(30),
    copingActions: z.array(z.string().trim().min(1).max(1000)).max(30),
    peopleToContact: z
      .array(z.strictObject({ personId: Id.nullable(), name: z.string().trim().min(1).max(120), how: text(500) }))
      .max(20),
    professionalContacts: z
      .array(z.strictObject({ name: z.string().trim().min(1).max(200), role: text(200), contact: text(200) }))
      .max(20),
    whenToReturn: z.strictObject({
      text: text(2000),
      threshold: z
        .strictObject({
          instrumentId: z.string().max(20),
          atLeast: z.number().int().min(0),
          forWeeks: z.number().int().min(1).max(52),
        })
        .nullable(),
    }),
    linkSafetyPlan: z.boolean(),
    shareWith: text(1000),
  })
  .partial()
  .meta({ id: 'RelapsePlanRequest' });

// ---------- the progress review, assembled (issue item 8) ----------

const Point = z.object({ date: z.string(), total: z.number(), band: z.string().nullable() });
export const ProgressReview = z
  .object({
    course: z.object({
      plannedSessions: z.number().int(),
      attended: z.number().int(),
      lastSessionNumber: z.number().int(),
      startDate: IsoDate,
      primaryArea: z.string().nullable(),
      secondaryArea: z.string().nullable(),
    }),
    measures: z.array(
      z.object({
        instrumentId: z.string(),
        shortName: z.string(),
        maxTotal: z.number(),
        points: z.array(z.object({ date: z.string(), total: z.number(), sessionNumber: z.number().int().nullable() })),
        baseline: Point.nullable(),
        latest: Point.nullable(),
        change: z.number().nullable(),
        response: Judgement,
        remission: Judgement,
        reliableImprovement: Judgement,
        reliableDeterioration: Judgement,
        belowCutOff: Judgement,
        iaptRecovery: Judgement,
        sustainedRecovery: Judgement.extend({ since: z.string().nullable() }),
        outcome: ChangeOutcomeSchema,
        improved: z.boolean().nullable(),
        verdict: z.string(),
        sentence: z.string(),
      }),
    ),
    primaryInstrumentId: z.string().nullable(),
    improved: z.boolean().nullable(),
    goals: z.array(
      z.object({
        goal: z.string(),
        text: z.string(),
        kind: z.enum(['area', 'personal']),
        attainment: z.enum(values(GoalAttainment)).nullable(),
        note: z.string(),
      }),
    ),
    relationships: z.object({
      inventory: z.object({
        atIntake: z.number().int(),
        now: z.number().int(),
        addedSince: z.array(z.object({ personId: z.string(), name: z.string(), addedOn: z.string() })),
      }),
      intakeDate: z.string().nullable(),
      latestDate: z.string().nullable(),
      people: z.array(
        z.object({
          personId: z.string(),
          name: z.string(),
          intakeRing: z.number().int().nullable(),
          latestRing: z.number().int().nullable(),
          change: z.string().nullable(),
        }),
      ),
    }),
    work: z.object({
      sessionsWorked: z.number().int(),
      techniques: z.array(z.object({ technique: z.string(), sessions: z.number().int() })),
      strategies: z.array(z.object({ id: z.string(), text: z.string(), sessions: z.number().int() })),
      disputeStages: z.array(
        z.object({ stage: z.string(), sessionNumber: z.number().int().nullable(), note: z.string() }),
      ),
      incidents: z.array(
        z.object({
          id: z.string(),
          incident: z.string(),
          personName: z.string().nullable(),
          patterns: z.array(z.string()),
          alternatives: z.number().int(),
          rolePlayed: z.boolean(),
        }),
      ),
      rolePlays: z.array(
        z.object({
          id: z.string(),
          scenario: z.string(),
          confidenceBefore: z.number().nullable(),
          confidenceAfter: z.number().nullable(),
        }),
      ),
      decisions: z.array(
        z.object({
          id: z.string(),
          decision: z.string(),
          chosen: z.string().nullable(),
          outcome: z.string().nullable(),
        }),
      ),
      ruptures: z.array(z.object({ id: z.string(), type: z.string(), resolved: z.boolean().nullable() })),
    }),
  })
  .meta({ id: 'ProgressReview' });
export type ProgressReview = z.infer<typeof ProgressReview>;

/** The end of the course in one read: the checklist with what is missing, the plan, the review, the people. */
export const EndingView = z
  .object({
    courseId: Id,
    patient: z.object({ displayName: z.string() }),
    phase: z.string(),
    /** The course left the initial phase at some point (else completing needs an early-end reason). */
    leftInitialPhase: z.boolean(),
    termination: TerminationRecord.nullable(),
    /** What still stops the checklist from being completed, in words, each with the field it concerns. */
    missing: z.array(z.object({ field: z.string(), message: z.string() })),
    terminationItems: z.array(
      z.object({ id: z.enum(values(TerminationItem)), required: z.boolean(), source: z.string() }),
    ),
    relapsePlan: RelapsePlanRecord.nullable(),
    /** The focus the work was on: the contract's focus statement and the formulation as last presented or agreed. */
    focus: z.object({
      statement: z.string().nullable(),
      formulation: z.string().nullable(),
      formulationStatus: z.string().nullable(),
    }),
    /** The inventory's people, offered as contacts for the relapse-prevention plan (DOMAIN §6.2). */
    people: z.array(z.object({ id: Id, name: z.string() })),
    safetyPlanAvailable: z.boolean(),
    /** The diagnosis recorded in the initial phase (its facts record); null when none was recorded. */
    diagnosis: z.string().nullable(),
    /** The course's risk flags, the patient's safety reviews and those now overdue (DOMAIN §10.2). */
    riskHistory: RiskHistory,
    progressReview: ProgressReview,
    generatedAt: IsoDateTime,
  })
  .meta({ id: 'EndingView' });
export type EndingView = z.infer<typeof EndingView>;

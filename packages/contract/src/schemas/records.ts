/**
 * A course's records as stored and as answered: one discriminated union by `kind`, each kind's `data` exactly the
 * shape core works with (checked by `satisfies` against core's types). The server parses a record once, where it
 * leaves the database (and checks it the same way before it is written), so no service or client reads a loosely
 * typed record. Request shapes (what a client may send) stay in initial.ts and middle.ts; these are what is kept.
 */
import {
  CanonicalArea,
  CommunicationPattern,
  CommunicationStyle,
  ComplicatingFactor,
  ConflictOutcome,
  ContinuationDecision,
  DecisionOutcome,
  DisputeStage,
  EpisodeKind,
  EpisodeType,
  ExpectationsMet,
  FormulationStatus,
  GoalAttainment,
  HintRule,
  HintWarning,
  LifeEventCategory,
  MaintenanceFrequency,
  MentalizingLapse,
  MidCourseDecision,
  ProblemArea,
  RelationshipType,
  RelationToEpisode,
  RuptureType,
  SnapshotPhase,
  Speaker,
  SupportType,
  TaxonomyPreset,
  Technique,
  TerminationItem,
  TherapistPlays,
  WarningSignKind,
  type CircleSnapshot,
  type CommunicationAnalysis,
  type DecisionAnalysis,
  type Episode,
  type FormulationState,
  type InventoryEntryFields,
  type LifeEvent,
  type MidCourseReview,
  type ProblemAreaChoice,
  type ProblemAreaHint,
  type RelapsePlan,
  type RolePlay,
  type Rupture,
  type SessionWork,
  type Termination,
  type TreatmentContract,
} from '@ipt/core';
import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, Version } from './common.js';

const values = <T extends Record<string, string>>(o: T) => Object.values(o) as [T[keyof T], ...T[keyof T][]];
const oneOf = <T extends Record<string, string>>(o: T) => z.enum(values(o));

/** The kinds of course record, one per IPT tool that is kept as a record. */
export const CourseRecordKind = {
  episode: 'episode',
  lifeEvent: 'life-event',
  inventoryEntry: 'inventory-entry',
  circleSnapshot: 'circle-snapshot',
  problemArea: 'problem-area',
  formulation: 'formulation',
  treatmentContract: 'treatment-contract',
  initialFacts: 'initial-facts',
  sessionWork: 'session-work',
  communicationAnalysis: 'communication-analysis',
  rolePlay: 'role-play',
  decisionAnalysis: 'decision-analysis',
  rupture: 'rupture',
  midCourseReview: 'mid-course-review',
  termination: 'termination',
  relapsePlan: 'relapse-plan',
} as const;
export type CourseRecordKind = (typeof CourseRecordKind)[keyof typeof CourseRecordKind];

// ---------- initial phase (DOMAIN §1.2, §2, §3, §4) ----------

/** A date, or an approximate one ("2025", "March 2025") as patients remember them (DOMAIN §2.4). */
export const TimelineDateSchema = z.union([
  IsoDate,
  z.strictObject({ year: z.number().int().min(1900).max(2100), month: z.number().int().min(1).max(12).optional() }),
]);

export const EpisodeData = z.strictObject({
  kind: oneOf(EpisodeKind),
  type: oneOf(EpisodeType),
  start: TimelineDateSchema,
  end: TimelineDateSchema.nullable().optional(),
  peakSeverity: z
    .strictObject({ description: z.string(), instrumentId: z.string().optional(), score: z.number().optional() })
    .nullable()
    .optional(),
  treatments: z
    .array(
      z.strictObject({
        kind: z.string(),
        start: TimelineDateSchema.optional(),
        end: TimelineDateSchema.optional(),
        response: z.string().optional(),
      }),
    )
    .optional(),
}) satisfies z.ZodType<Omit<Episode, 'id'>>;

export const LifeEventData = z.strictObject({
  date: TimelineDateSchema,
  category: oneOf(LifeEventCategory),
  personId: Id.nullable().optional(),
  description: z.string(),
  perceivedImpact: z.number().int().nullable().optional(),
  /** The session it was told at: an interval event of the middle phase (DOMAIN §1.3 "key events"). */
  sessionId: Id.nullable().optional(),
  /** An expected event not yet happened (a transition seen coming), dated in the future (DOMAIN §2.4, §3.5). */
  planned: z.boolean().optional(),
}) satisfies z.ZodType<Omit<LifeEvent, 'id'>>;

/** Every DOMAIN §2.2 field present: the server completes an entry from core's blank one before it keeps it. */
export const InventoryEntryData = z.strictObject({
  personName: z.string(),
  alias: z.string(),
  relationship: oneOf(RelationshipType),
  relationshipDetail: z.string(),
  closenessRing: z.number().int().nullable(),
  contactFrequency: z.string(),
  timeTogether: z.string(),
  sharedActivities: z.string(),
  positives: z.string(),
  negatives: z.string(),
  canTalkAbout: z.string(),
  cannotTalkAbout: z.string(),
  feelingsWhenTogether: z.array(z.string()),
  conflict: z.strictObject({
    present: z.boolean(),
    frequency: z.string(),
    whatHappens: z.string(),
    outcome: oneOf(ConflictOutcome),
  }),
  knowsAboutDepression: z.boolean().nullable(),
  knowsAboutDepressionNote: z.string(),
  expectations: z.strictObject({ patient: z.string(), other: z.string(), met: oneOf(ExpectationsMet) }),
  supportReceived: z.array(oneOf(SupportType)),
  supportGiven: z.array(oneOf(SupportType)),
  communicationStyle: z.array(oneOf(CommunicationStyle)),
  communicationNote: z.string(),
  changedNearOnset: z.strictObject({
    changed: z.boolean(),
    date: TimelineDateSchema.nullable(),
    description: z.string(),
  }),
  relationToEpisode: oneOf(RelationToEpisode),
  desiredChange: z.string(),
  problemAreaLink: oneOf(CanonicalArea).nullable(),
  disputeStage: oneOf(DisputeStage).nullable(),
  deceased: z.boolean(),
  dateOfDeath: TimelineDateSchema.nullable(),
}) satisfies z.ZodType<InventoryEntryFields>;

const HintEvidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    eventId: Id,
    category: oneOf(LifeEventCategory),
    personId: Id.nullable(),
    daysFromOnset: z.number(),
    approximate: z.boolean(),
    summary: z.string(),
  }),
  z.object({ kind: z.literal('person'), personId: Id, fields: z.array(z.string()), summary: z.string() }),
  z.object({
    kind: z.literal('circle'),
    closePeople: z.number().int(),
    sparseMaxClose: z.number().int(),
    from: z.enum(['circle', 'inventory']),
    summary: z.string(),
  }),
]);

/** An advisory problem-area hint with why it fired and the records behind it (DOMAIN §3.2). */
export const ProblemAreaHintSchema = z
  .object({
    rule: oneOf(HintRule),
    area: oneOf(CanonicalArea),
    presetArea: oneOf(ProblemArea).nullable(),
    why: z.string(),
    evidence: z.array(HintEvidenceSchema),
    warnings: z.array(z.object({ id: oneOf(HintWarning), text: z.string() })),
    source: z.string(),
  })
  .meta({ id: 'ProblemAreaHint' }) satisfies z.ZodType<ProblemAreaHint>;

export const CircleSnapshotData = z.strictObject({
  phase: oneOf(SnapshotPhase),
  takenAt: z.string(),
  rings: z.number().int(),
  placements: z.array(z.strictObject({ personId: Id, ring: z.number().int(), angle: z.number() })),
}) satisfies z.ZodType<CircleSnapshot>;

const AreaSelectionData = z.strictObject({
  area: oneOf(ProblemArea),
  disputeStage: oneOf(DisputeStage).nullable().optional(),
  personId: Id.nullable().optional(),
});
export const ProblemAreaData = z.strictObject({
  preset: oneOf(TaxonomyPreset),
  primary: AreaSelectionData,
  secondary: AreaSelectionData.nullable().optional(),
  rationale: z.string(),
  complicatingFactors: z.array(oneOf(ComplicatingFactor)),
  hintedAreas: z.array(oneOf(CanonicalArea)),
  differsFromHints: z.boolean(),
}) satisfies z.ZodType<ProblemAreaChoice>;

/** The formulation and each step it went through, with the patient's words (DOMAIN §4.1–§4.2). */
export const FormulationData = z.strictObject({
  status: oneOf(FormulationStatus),
  text: z.string(),
  patientWords: z.string().nullable(),
  statusDate: z.string().nullable(),
  history: z
    .array(
      z.strictObject({
        status: oneOf(FormulationStatus),
        on: z.string(),
        patientWords: z.string().nullable(),
        by: z.string(),
      }),
    )
    .optional(),
}) satisfies z.ZodType<FormulationState>;

export const TreatmentContractData = z.strictObject({
  plannedSessions: z.number().int(),
  sessionMinutes: z.number().int(),
  frequency: z.literal('weekly'),
  startDate: z.string(),
  schedule: z.strictObject({ weekday: z.number().int(), time: z.string() }),
  endDate: z.string(),
  focus: z.strictObject({
    primary: oneOf(ProblemArea),
    secondary: oneOf(ProblemArea).nullable(),
    statement: z.string(),
  }),
  areaGoals: z.array(z.string()),
  personalGoals: z.array(z.string()),
  roles: z.strictObject({ patient: z.string(), therapist: z.string() }),
  attendance: z.string(),
  missedSessions: z.string(),
  medicationPlan: z.string(),
  jointSessions: z.string(),
  safety: z.string(),
  measurementSchedule: z.array(
    z.strictObject({ instrumentId: z.string(), atIntake: z.boolean(), everySessions: z.number().int().nullable() }),
  ),
}) satisfies z.ZodType<TreatmentContract>;

/** What the initial phase's gate counts that no other record shows (DOMAIN §1.2). */
export const InitialFactsData = z.strictObject({
  diagnosis: z.string(),
  sickRoleExplained: z.boolean(),
  safetyScreenDone: z.boolean(),
});

// ---------- middle phase (DOMAIN §1.3–§1.5, §3.3–§3.6, §5) ----------

export const SessionWorkData = z.strictObject({
  sessionId: Id,
  status: z.enum(['draft', 'finished']),
  checkIn: z.strictObject({
    mood: z.number().int().nullable(),
    administrationId: Id.nullable(),
    sinceLastMet: z.string(),
  }),
  moodEventLink: z.string(),
  strategies: z.array(z.string()),
  disputeStage: z.strictObject({ stage: oneOf(DisputeStage), note: z.string() }).nullable(),
  techniques: z.array(oneOf(Technique)),
  lastAttemptReview: z.string(),
  patientWillTry: z.string(),
  safetyCheck: z.strictObject({ done: z.boolean(), concern: z.boolean(), note: z.string() }),
  curiosityNote: z.string(),
  finishedAt: IsoDateTime.nullable(),
  amendments: z.array(
    z.strictObject({ at: IsoDateTime, by: z.string(), reason: z.string(), fromVersion: z.number().int() }),
  ),
}) satisfies z.ZodType<SessionWork>;

export const CommunicationAnalysisData = z.strictObject({
  sessionId: Id,
  personId: Id.nullable(),
  incident: z.string(),
  turns: z.array(
    z.strictObject({
      id: z.string(),
      speaker: oneOf(Speaker),
      words: z.string(),
      toneNonverbal: z.string(),
      patientFeeling: z.string(),
      patientMeant: z.string(),
      otherFeltGuess: z.string(),
      prompts: z.array(z.strictObject({ promptId: z.string(), answer: z.string() })),
      lapses: z.array(oneOf(MentalizingLapse)),
    }),
  ),
  intendedVsConveyed: z.string(),
  patterns: z.array(oneOf(CommunicationPattern)),
  patternNote: z.string(),
  alternatives: z.array(z.strictObject({ id: z.string(), text: z.string() })),
  agreedAttempt: z.string(),
}) satisfies z.ZodType<CommunicationAnalysis>;

export const RolePlayData = z.strictObject({
  sessionId: Id,
  analysisId: Id.nullable(),
  alternativeId: z.string().nullable(),
  personId: Id.nullable(),
  scenario: z.string(),
  therapistPlays: oneOf(TherapistPlays),
  rounds: z.array(z.strictObject({ id: z.string(), tried: z.string(), feedback: z.string() })),
  confidenceBefore: z.number().int().nullable(),
  confidenceAfter: z.number().int().nullable(),
}) satisfies z.ZodType<RolePlay>;

export const DecisionAnalysisData = z.strictObject({
  sessionId: Id,
  decision: z.string(),
  options: z.array(
    z.strictObject({
      id: z.string(),
      text: z.string(),
      pros: z.array(z.string()),
      cons: z.array(z.string()),
      emotionalConsequences: z.string(),
    }),
  ),
  chosenOptionId: z.string().nullable(),
  plan: z.strictObject({ who: z.string(), when: z.string(), words: z.string() }),
  outcome: z.strictObject({ sessionId: Id, result: oneOf(DecisionOutcome), note: z.string() }).nullable(),
}) satisfies z.ZodType<DecisionAnalysis>;

export const RuptureData = z.strictObject({
  sessionId: Id,
  type: oneOf(RuptureType),
  observed: z.string(),
  repair: z.string(),
  metacommunication: z.boolean(),
  linkOutside: z.string(),
  resolved: z.boolean().nullable(),
}) satisfies z.ZodType<Rupture>;

export const MidCourseReviewData = z.strictObject({
  decision: oneOf(MidCourseDecision),
  rationale: z.string(),
  atSession: z.number().int(),
}) satisfies z.ZodType<MidCourseReview>;

// ---------- the ending (DOMAIN §6) ----------

export const TerminationData = z.strictObject({
  items: z.partialRecord(oneOf(TerminationItem), z.strictObject({ done: z.boolean(), note: z.string() })),
  whyBetterPatientWords: z.string(),
  residualGoals: z.array(z.string()),
  goalAttainment: z.array(z.strictObject({ goal: z.string(), attainment: oneOf(GoalAttainment), note: z.string() })),
  continuation: z.strictObject({
    decision: oneOf(ContinuationDecision).nullable(),
    contract: z
      .strictObject({
        frequency: oneOf(MaintenanceFrequency),
        durationMonths: z.number().int(),
        focus: z.string(),
        monitoring: z.string(),
      })
      .nullable(),
    note: z.string(),
  }),
  earlyEndReason: z.string(),
  completed: z.boolean(),
  completedAt: IsoDateTime.nullable(),
}) satisfies z.ZodType<Termination>;

export const RelapsePlanData = z.strictObject({
  warningSigns: z.array(z.strictObject({ kind: oneOf(WarningSignKind), text: z.string() })),
  triggersAnticipated: z.array(z.string()),
  copingActions: z.array(z.string()),
  peopleToContact: z.array(z.strictObject({ personId: Id.nullable(), name: z.string(), how: z.string() })),
  professionalContacts: z.array(z.strictObject({ name: z.string(), role: z.string(), contact: z.string() })),
  whenToReturn: z.strictObject({
    text: z.string(),
    threshold: z.strictObject({ instrumentId: z.string(), atLeast: z.number(), forWeeks: z.number().int() }).nullable(),
  }),
  linkSafetyPlan: z.boolean(),
  shareWith: z.string(),
}) satisfies z.ZodType<RelapsePlan>;

// ---------- the union ----------

/** Each kind's data schema: the one table the server parses and checks records by. */
export const courseRecordData = {
  episode: EpisodeData,
  'life-event': LifeEventData,
  'inventory-entry': InventoryEntryData,
  'circle-snapshot': CircleSnapshotData,
  'problem-area': ProblemAreaData,
  formulation: FormulationData,
  'treatment-contract': TreatmentContractData,
  'initial-facts': InitialFactsData,
  'session-work': SessionWorkData,
  'communication-analysis': CommunicationAnalysisData,
  'role-play': RolePlayData,
  'decision-analysis': DecisionAnalysisData,
  rupture: RuptureData,
  'mid-course-review': MidCourseReviewData,
  termination: TerminationData,
  'relapse-plan': RelapsePlanData,
} as const satisfies Record<CourseRecordKind, z.ZodType>;
/**
 * A value that is only read: what core's rules hand over (readonly arrays and fields) and what a parsed record is
 * (mutable) both fit it.
 */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [P in keyof T]: DeepReadonly<T[P]> }
    : T;
export type CourseRecordData = { [K in CourseRecordKind]: DeepReadonly<z.output<(typeof courseRecordData)[K]>> };

const recordOf = <K extends CourseRecordKind>(kind: K) =>
  z
    .object({ id: Id, kind: z.literal(kind), version: Version, data: courseRecordData[kind] })
    .meta({ id: `${pascal(kind)}Record` });

function pascal(kind: string): string {
  return kind.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());
}

export const EpisodeRecord = recordOf('episode');
export const LifeEventRecord = recordOf('life-event');
export const InventoryEntryRecord = recordOf('inventory-entry');
export const CircleSnapshotRecord = recordOf('circle-snapshot');
export const ProblemAreaRecord = recordOf('problem-area');
export const FormulationRecord = recordOf('formulation');
export const TreatmentContractRecord = recordOf('treatment-contract');
export const InitialFactsRecord = recordOf('initial-facts');
export const SessionWorkRecord = recordOf('session-work');
export const CommunicationAnalysisRecord = recordOf('communication-analysis');
export const RolePlayRecord = recordOf('role-play');
export const DecisionAnalysisRecord = recordOf('decision-analysis');
export const RuptureRecord = recordOf('rupture');
export const MidCourseReviewRecord = recordOf('mid-course-review');
export const TerminationRecord = recordOf('termination');
export const RelapsePlanRecord = recordOf('relapse-plan');

/** Any record of a course: its id, kind, version and the kind's data. */
export const CourseRecord = z
  .discriminatedUnion('kind', [
    EpisodeRecord,
    LifeEventRecord,
    InventoryEntryRecord,
    CircleSnapshotRecord,
    ProblemAreaRecord,
    FormulationRecord,
    TreatmentContractRecord,
    InitialFactsRecord,
    SessionWorkRecord,
    CommunicationAnalysisRecord,
    RolePlayRecord,
    DecisionAnalysisRecord,
    RuptureRecord,
    MidCourseReviewRecord,
    TerminationRecord,
    RelapsePlanRecord,
  ])
  .meta({ id: 'CourseRecord' });
export type CourseRecord = z.output<typeof CourseRecord>;
/** The record of one kind. */
export interface CourseRecordOf<K extends CourseRecordKind> {
  readonly id: string;
  readonly kind: K;
  readonly version: number;
  readonly data: CourseRecordData[K];
}

/** An earlier version of a course record, kept when it changed: the record as it was, with who changed it when. */
export const RecordRevision = z
  .object({ changedAt: IsoDateTime, changedBy: z.string() })
  .and(CourseRecord)
  .meta({ id: 'RecordRevision' });
export type RecordRevision = z.output<typeof RecordRevision>;

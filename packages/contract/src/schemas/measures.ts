/** Measurement-based care: instruments, administrations, charts, single-use links, risk flags and safety reviews. */
import { z } from 'zod';
import { ChangeOutcomeSchema } from './change.js';
import { Id, IsoDate, IsoDateTime, Version } from './common.js';
import { type Phase, phases } from '@ipt/core';

const PhaseSchema = z.enum(phases as [Phase, ...Phase[]]);

export const InstrumentIdSchema = z.string().regex(/^[a-z0-9-]{2,20}$/, 'Must be an instrument id such as phq-9.');

export const InstrumentOption = z.object({ position: z.number().int(), label: z.string() });
export const InstrumentItem = z.object({
  id: z.string(),
  number: z.union([z.number(), z.string()]),
  /** The licensed wording, or a neutral label ("Item 3") where the wording may not be shown. */
  label: z.string(),
  wordingIncluded: z.boolean(),
  options: z.array(InstrumentOption),
  scored: z.boolean(),
  required: z.boolean(),
});
export const Band = z.object({ min: z.number(), max: z.number(), label: z.string() });

export const InstrumentDefinition = z
  .object({
    id: z.string(),
    version: z.string(),
    name: z.string(),
    shortName: z.string(),
    rater: z.enum(['patient', 'clinician']),
    timeFrame: z.string().nullable(),
    items: z.array(InstrumentItem),
    bands: z.array(Band),
    maxTotal: z.number(),
    citation: z.string(),
    licence: z.object({ wordingIncluded: z.boolean(), note: z.string(), textPackLoaded: z.boolean() }),
  })
  .meta({ id: 'InstrumentDefinition' });
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;

export const InstrumentParams = z.strictObject({ instrumentId: InstrumentIdSchema });

/** An organisation's licensed wording for an instrument whose text we may not ship. */
export const InstrumentTextPack = z
  .strictObject({
    instrumentId: InstrumentIdSchema,
    instrumentVersion: z.string().min(1).max(20),
    licence: z.string().trim().min(1, 'Say under which licence or permission the wording is used.').max(500),
    timeFrame: z.string().max(200).optional(),
    items: z
      .array(
        z.strictObject({
          id: z.string().min(1).max(20),
          text: z.string().trim().min(1).max(500),
          options: z.array(z.string().trim().min(1).max(200)).min(2).max(10),
        }),
      )
      .min(1)
      .max(40),
  })
  .meta({ id: 'InstrumentTextPack' });
export type InstrumentTextPack = z.infer<typeof InstrumentTextPack>;

export const Answers = z
  .array(z.number().int('Each answer is the position of an option.').min(0).max(10).nullable())
  .max(40);

export const AdministrationMode = z.enum(['in-session', 'link', 'kiosk']);

export const ItemFlag = z.object({ item: z.union([z.number(), z.string()]), code: z.string(), label: z.string() });

export const Administration = z
  .object({
    id: Id,
    courseId: Id,
    sessionId: Id.nullable(),
    instrumentId: z.string(),
    instrumentVersion: z.string(),
    answers: z.array(z.number().nullable()),
    /** When the answers were recorded here: the moment they were saved (or the link or kiosk submitted). */
    administeredAt: IsoDateTime,
    /**
     * When the patient answered: the same moment as `administeredAt`, unless a paper form was entered later, when it
     * is the day the form says (the start of that day, UTC, if only a date was given). Charts and schedules use it.
     */
    answeredAt: IsoDateTime,
    mode: AdministrationMode,
    scorable: z.boolean(),
    total: z.number().nullable(),
    band: z.string().nullable(),
    flags: z.array(ItemFlag),
    reason: z.string().nullable(),
    scorerVersion: z.string(),
  })
  .meta({ id: 'Administration' });
export type Administration = z.infer<typeof Administration>;

export const CreateAdministrationRequest = z
  .strictObject({
    instrumentId: InstrumentIdSchema,
    instrumentVersion: z.string().min(1).max(20),
    answers: Answers,
    /** The session it was given in; left out for one answered between sessions. */
    sessionId: Id.optional(),
    /**
     * For a paper form entered later: when the patient answered it, as a date or a date and time. Left out, it was
     * answered now, or, given in a session held on an earlier day, on that session's day. Never in the future, nor
     * before the course started.
     */
    answeredAt: z
      .union([IsoDate, IsoDateTime], { error: 'Enter the day the form was answered, as YYYY-MM-DD.' })
      .optional(),
  })
  .meta({ id: 'CreateAdministrationRequest' });

export const Interpretation = z.object({
  baseline: z.number().nullable(),
  latest: z.number().nullable(),
  response: z.boolean().nullable(),
  remission: z.boolean().nullable(),
  reliableImprovement: z.boolean().nullable(),
  reliableDeterioration: z.boolean().nullable(),
  /**
   * Caseness at the start and not at the end (NHS Talking Therapies "recovery"), and remission sustained over
   * time: separate, distinctly named results (ERRATA must-fix 9); null where no sourced rule applies.
   */
  iaptRecovery: z.boolean().nullable(),
  /** By a provisional rule (core's `sustainedRecoveryRule`): remission on every administration for six months. */
  sustainedRecovery: z.boolean().nullable(),
  /** A case at baseline and past the instrument's lowest published cut-off at the latest (EPDS: below 10). */
  belowCutOff: z.boolean().nullable(),
  /** The reading as core's `readChange` gives it: the outcome, in a few words, and in full sentences. */
  outcome: ChangeOutcomeSchema,
  improved: z.boolean().nullable(),
  verdict: z.string(),
  sentence: z.string(),
});

/** One score on a chart. A series' points come in session order (core's `inSessionOrder`), then by date. */
export const ChartPoint = z.object({
  administrationId: Id,
  /** The day the patient answered (the administration's `answeredAt`). */
  date: IsoDate,
  /** The session it was given in; null for one answered between sessions. */
  sessionNumber: z.number().int().nullable(),
  total: z.number().nullable(),
  band: z.string().nullable(),
  scorable: z.boolean(),
  flagged: z.boolean(),
  /** A risk item was left unanswered: the screen was not done ("Not asked", never "None"; ERRATA must-fix 1). */
  riskNotAsked: z.boolean(),
});

export const Annotation = z.object({ id: z.string(), date: IsoDate, label: z.string(), kind: z.string() });
export type Annotation = z.infer<typeof Annotation>;

/**
 * One line per instrument, what is actionable now: due at the next session, or overdue since the first of the
 * sessions missed in a row since it was last given (`sessionNumber` is then the next session when that one calls for
 * it too, else the latest missed one).
 */
export const MeasureDue = z.object({
  instrumentId: z.string(),
  sessionNumber: z.number().int(),
  status: z.enum(['due', 'overdue']),
  overdueSince: z.number().int().nullable(),
});

export const MeasuresView = z
  .object({
    courseId: Id,
    series: z.array(
      z.object({
        instrumentId: z.string(),
        shortName: z.string(),
        maxTotal: z.number(),
        bands: z.array(Band),
        points: z.array(ChartPoint),
        interpretation: Interpretation,
      }),
    ),
    sessions: z.array(z.object({ number: z.number().int(), date: IsoDate, phase: PhaseSchema })),
    phases: z.array(z.object({ phase: PhaseSchema, from: IsoDate, to: IsoDate.nullable() })),
    annotations: z.array(Annotation),
    due: z.array(MeasureDue),
  })
  .meta({ id: 'MeasuresView' });
export type MeasuresView = z.infer<typeof MeasuresView>;

export const CreateAnnotationRequest = z
  .strictObject({
    date: IsoDate,
    label: z.string().trim().min(1).max(200),
    kind: z.enum(['event', 'note']).default('event'),
  })
  .meta({ id: 'CreateAnnotationRequest' });

export const ScheduleRule = z.strictObject({
  instrumentId: InstrumentIdSchema,
  atIntake: z.boolean(),
  /** Every n-th session (1 = every session); null = intake only. */
  everySessions: z.number().int().min(1).max(52).nullable(),
});
export const MeasureSchedule = z
  .object({ courseId: Id, rules: z.array(ScheduleRule), isDefault: z.boolean(), version: Version })
  .meta({ id: 'MeasureSchedule' });
export const UpdateMeasureScheduleRequest = z
  .strictObject({ rules: z.array(ScheduleRule).max(10) })
  .meta({ id: 'UpdateMeasureScheduleRequest' });

// ---------- single-use links and kiosk ----------

/** Default link lifetime: 4 days (issue "Measurement-based care"), configurable per link up to 14 days. */
export const CreateMeasureLinkRequest = z
  .strictObject({
    instrumentId: InstrumentIdSchema,
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(14 * 24)
      .default(96),
    sessionId: Id.optional(),
    /**
     * Email the link to the patient's address on file (issue 12, part 6): only where the server has email set up;
     * the email names no questionnaire and nothing clinical.
     */
    sendByEmail: z.boolean().default(false),
  })
  .meta({ id: 'CreateMeasureLinkRequest' });
export const MeasureLink = z
  .object({
    token: z.string(),
    path: z.string(),
    expiresAt: IsoDateTime,
    instrumentId: z.string(),
    /** The link is in the outbox, on its way to the patient's email address. */
    emailed: z.boolean().optional(),
  })
  .meta({ id: 'MeasureLink' });
export type MeasureLink = z.infer<typeof MeasureLink>;

export const MeasureLinkParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a valid link.'),
});

export const LinkQuestionnaire = z
  .object({ instrument: InstrumentDefinition, expiresAt: IsoDateTime, kiosk: z.boolean() })
  .meta({ id: 'LinkQuestionnaire' });
export type LinkQuestionnaire = z.infer<typeof LinkQuestionnaire>;

export const SubmitLinkResponseRequest = z.strictObject({ answers: Answers }).meta({ id: 'SubmitLinkResponseRequest' });
export const LinkSubmitted = z
  .object({ received: z.literal(true), showCrisisSupport: z.boolean() })
  .meta({ id: 'LinkSubmitted' });
export type LinkSubmitted = z.infer<typeof LinkSubmitted>;

export const UnlockRequest = z.strictObject({ password: z.string().min(1).max(256) }).meta({ id: 'UnlockRequest' });

// ---------- risk ----------

export const RiskLevel = z.enum(['low', 'moderate', 'high', 'imminent']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const RiskFlag = z
  .object({
    id: Id,
    courseId: Id,
    administrationId: Id,
    instrumentId: z.string(),
    item: z.union([z.number(), z.string()]),
    code: z.string(),
    label: z.string(),
    answerLabel: z.string(),
    weight: z.number(),
    raisedAt: IsoDateTime,
    status: z.enum(['open', 'reviewed']),
    reviewId: Id.nullable(),
    /** False when the risk item was left unanswered: the question was not asked, which never reads as "no risk". */
    answered: z.boolean(),
    /** Needs a clinician's review the same day (PHQ-9 item 9 ≥ 2, DOMAIN §10.2). */
    sameDay: z.boolean(),
  })
  .meta({ id: 'RiskFlag' });
export type RiskFlag = z.infer<typeof RiskFlag>;

/** Stanley & Brown (2012) safety plan, in the patient's own words (DOMAIN §10.1). */
export const SafetyPlan = z.strictObject({
  warningSigns: z.string().max(4000).default(''),
  internalCoping: z.string().max(4000).default(''),
  socialContactsAndSettings: z.string().max(4000).default(''),
  peopleToAskForHelp: z.string().max(4000).default(''),
  professionalsAndAgencies: z.string().max(4000).default(''),
  makingTheEnvironmentSafe: z.string().max(4000).default(''),
  whereKept: z.string().max(1000).default(''),
});

/** What the clinician asked, structured per DOMAIN §10.2 option (b). */
export const RiskAssessment = z.strictObject({
  ideation: z.string().max(4000).default(''),
  frequency: z.string().max(2000).default(''),
  plan: z.string().max(2000).default(''),
  intent: z.string().max(2000).default(''),
  preparatoryBehaviour: z.string().max(2000).default(''),
  pastAttempts: z.string().max(2000).default(''),
  accessToMeans: z.string().max(2000).default(''),
  protectiveFactors: z.string().max(2000).default(''),
});

export const CreateSafetyReviewRequest = z
  .strictObject({
    flagIds: z.array(Id).min(1, 'Choose the flag(s) this review answers.').max(50),
    riskLevel: RiskLevel,
    asked: z.string().trim().min(1, 'Record what you asked.').max(4000),
    assessment: RiskAssessment,
    safetyPlan: SafetyPlan,
    reviewBy: IsoDate,
  })
  .meta({ id: 'CreateSafetyReviewRequest' });
export type CreateSafetyReviewRequest = z.input<typeof CreateSafetyReviewRequest>;

export const SafetyReview = z
  .object({
    id: Id,
    patientId: Id,
    flagIds: z.array(Id),
    riskLevel: RiskLevel,
    asked: z.string(),
    assessment: RiskAssessment,
    safetyPlan: SafetyPlan,
    reviewBy: IsoDate,
    byName: z.string(),
    at: IsoDateTime,
  })
  .meta({ id: 'SafetyReview' });
export type SafetyReview = z.infer<typeof SafetyReview>;

/** A step taken with a risk flag open, and the clinician's written reason; the flags stayed open. */
export const RiskOverride = z
  .object({
    id: Id,
    courseId: Id,
    step: z.enum(['leave-initial-phase', 'finish-session-work']),
    sessionId: Id.nullable(),
    flagIds: z.array(Id),
    reason: z.string(),
    byName: z.string(),
    at: IsoDateTime,
  })
  .meta({ id: 'RiskOverride' });
export type RiskOverride = z.infer<typeof RiskOverride>;

/**
 * The patient's risk history: open and reviewed flags, the safety reviews (newest first) with their plans, the steps
 * taken with a flag open, and when the latest review said to review again (overdue once that date has passed).
 */
export const RiskOverview = z
  .object({
    open: z.array(RiskFlag),
    reviewed: z.array(RiskFlag),
    reviews: z.array(SafetyReview),
    overrides: z.array(RiskOverride),
    reviewDue: z.object({ reviewBy: IsoDate, overdue: z.boolean() }).nullable(),
  })
  .meta({ id: 'RiskOverview' });
export type RiskOverview = z.infer<typeof RiskOverview>;

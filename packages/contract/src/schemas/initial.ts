/**
 * The initial phase as records: timeline (episodes, life events), interpersonal inventory, closeness-circle
 * snapshots, the problem-area choice, the formulation, the treatment contract, the initial-phase facts and gate.
 * Field meanings: shared/ipt/DOMAIN.md §1.2, §2, §3, §4; rules live in core (packages/core/src/initial).
 */
import {
  CanonicalArea,
  CommunicationStyle,
  ComplicatingFactor,
  ConflictOutcome,
  DisputeStage,
  EpisodeKind,
  EpisodeType,
  ExpectationsMet,
  FormulationStatus,
  LifeEventCategory,
  ProblemArea,
  RelationshipType,
  RelationToEpisode,
  SnapshotPhase,
  SupportType,
  TaxonomyPreset,
} from '@ipt/core';
import { z } from 'zod';
import { Id, Version } from './common.js';
import {
  CircleSnapshotRecord,
  EpisodeRecord,
  FormulationRecord,
  InitialFactsRecord,
  InventoryEntryRecord,
  LifeEventRecord,
  ProblemAreaHintSchema,
  ProblemAreaRecord,
  TimelineDateSchema,
  TreatmentContractRecord,
} from './records.js';

const values = <T extends Record<string, string>>(o: T) => Object.values(o) as [T[keyof T], ...T[keyof T][]];
const text = (max = 4000) => z.string().max(max);

const recordMeta = { id: Id, version: Version };

export const EpisodeFields = z.strictObject({
  kind: z.enum(values(EpisodeKind)),
  type: z.enum(values(EpisodeType)),
  start: TimelineDateSchema,
  end: TimelineDateSchema.nullable().optional(),
  peakSeverity: z
    .strictObject({ description: text(500), instrumentId: z.string().max(20).optional(), score: z.number().optional() })
    .nullable()
    .optional(),
  treatments: z
    .array(
      z.strictObject({
        kind: text(200),
        start: TimelineDateSchema.optional(),
        end: TimelineDateSchema.optional(),
        response: text(500).optional(),
      }),
    )
    .max(20)
    .optional(),
});
export const Episode = EpisodeFields.extend(recordMeta).meta({ id: 'Episode' });

export const LifeEventFields = z.strictObject({
  date: TimelineDateSchema,
  category: z.enum(values(LifeEventCategory)),
  personId: Id.nullable().optional(),
  description: z.string().trim().min(1, 'Describe the event.').max(1000),
  perceivedImpact: z.number().int().min(-3).max(3).nullable().optional(),
  /** The session it was told at: an interval event of the middle phase (DOMAIN §1.3 "key events"). */
  sessionId: Id.nullable().optional(),
  /** An expected event not yet happened, dated in the future (core `assertLifeEventDate`). */
  planned: z.boolean().optional(),
});
export const LifeEvent = LifeEventFields.extend(recordMeta).meta({ id: 'LifeEvent' });

export const InventoryEntryFields = z.strictObject({
  personName: z.string().trim().min(1, 'Enter a name.').max(120),
  alias: text(120).optional(),
  relationship: z.enum(values(RelationshipType)),
  relationshipDetail: text(200).optional(),
  closenessRing: z.number().int().min(1).max(4).nullable().optional(),
  contactFrequency: text(500).optional(),
  timeTogether: text(500).optional(),
  sharedActivities: text(1000).optional(),
  positives: text().optional(),
  negatives: text().optional(),
  canTalkAbout: text().optional(),
  cannotTalkAbout: text().optional(),
  feelingsWhenTogether: z.array(text(100)).max(20).optional(),
  conflict: z
    .strictObject({
      present: z.boolean(),
      frequency: text(500),
      whatHappens: text(),
      outcome: z.enum(values(ConflictOutcome)),
    })
    .partial()
    .optional(),
  knowsAboutDepression: z.boolean().nullable().optional(),
  knowsAboutDepressionNote: text(1000).optional(),
  expectations: z
    .strictObject({ patient: text(), other: text(), met: z.enum(values(ExpectationsMet)) })
    .partial()
    .optional(),
  supportReceived: z
    .array(z.enum(values(SupportType)))
    .max(4)
    .optional(),
  supportGiven: z
    .array(z.enum(values(SupportType)))
    .max(4)
    .optional(),
  communicationStyle: z
    .array(z.enum(values(CommunicationStyle)))
    .max(4)
    .optional(),
  communicationNote: text(1000).optional(),
  changedNearOnset: z
    .strictObject({ changed: z.boolean(), date: TimelineDateSchema.nullable(), description: text(1000) })
    .partial()
    .optional(),
  relationToEpisode: z.enum(values(RelationToEpisode)).optional(),
  desiredChange: text().optional(),
  problemAreaLink: z.enum(values(CanonicalArea)).nullable().optional(),
  disputeStage: z.enum(values(DisputeStage)).nullable().optional(),
  deceased: z.boolean().optional(),
  dateOfDeath: TimelineDateSchema.nullable().optional(),
});

export const CreateInventoryEntryRequest = InventoryEntryFields.extend({
  /** Set to merge into the existing entry for the same person instead of refusing a duplicate. */
  mergeInto: Id.optional(),
}).meta({ id: 'CreateInventoryEntryRequest' });
export const UpdateInventoryEntryRequest = InventoryEntryFields.partial().meta({ id: 'UpdateInventoryEntryRequest' });

export const CreateCircleSnapshotRequest = z
  .strictObject({
    phase: z.enum(values(SnapshotPhase)),
    rings: z.number().int().min(3).max(4),
    placements: z
      .array(z.strictObject({ personId: Id, ring: z.number().int().min(1).max(4), angle: z.number().min(0).max(360) }))
      .max(100),
  })
  .meta({ id: 'CreateCircleSnapshotRequest' });

/**
 * One area of the choice. A saved choice is merged with the one kept (core `mergeProblemAreaChoice`): for an area
 * kept as it was, an absent `personId` keeps the kept person and `null` clears it.
 */
const AreaSelection = z.strictObject({
  area: z.enum(values(ProblemArea)),
  disputeStage: z.enum(values(DisputeStage)).optional(),
  personId: Id.nullable().optional(),
});
export const ProblemAreaChoiceRequest = z
  .strictObject({
    preset: z.enum(values(TaxonomyPreset)),
    primary: AreaSelection,
    /** Absent: the kept secondary area stays; null: there is none. */
    secondary: AreaSelection.nullable().optional(),
    rationale: z.string().trim().min(1, 'Write why this area was chosen.').max(4000),
    complicatingFactors: z
      .array(z.enum(values(ComplicatingFactor)))
      .max(4)
      .optional(),
  })
  .meta({ id: 'ProblemAreaChoiceRequest' });

export const FormulationRequest = z
  .strictObject({ text: z.string().trim().min(1).max(8000) })
  .meta({ id: 'FormulationRequest' });
export const FormulationTransitionRequest = z
  .strictObject({
    to: z.enum(values(FormulationStatus)),
    patientWords: z.string().trim().max(4000).optional(),
    text: z.string().trim().min(1).max(8000).optional(),
  })
  .meta({ id: 'FormulationTransitionRequest' });

export const TreatmentContractRequest = z
  .strictObject({
    sessionMinutes: z.number().int().min(15).max(120),
    areaGoals: z.array(z.string().max(100)).max(30),
    personalGoals: z.array(z.string().trim().min(1).max(500)).max(20),
    roles: z.strictObject({ patient: text(), therapist: text() }).optional(),
    attendance: text().optional(),
    missedSessions: z.string().trim().min(1, 'Agree what happens when a session is missed.').max(4000),
    medicationPlan: text().optional(),
    jointSessions: text().optional(),
    safety: z.string().trim().min(1, 'Agree the safety arrangements.').max(4000),
  })
  .meta({ id: 'TreatmentContractRequest' });

export const InitialFactsRequest = z
  .strictObject({
    diagnosis: z.string().trim().max(500),
    sickRoleExplained: z.boolean(),
    safetyScreenDone: z.boolean(),
  })
  .partial()
  .meta({ id: 'InitialFactsRequest' });

export const ChecklistItem = z.object({ id: z.string(), label: z.string(), done: z.boolean(), source: z.string() });

/** The whole initial phase of a course in one read: every record, the hints with their reasons, the gate. */
export const InitialPhaseView = z
  .object({
    courseId: Id,
    episodes: z.array(EpisodeRecord),
    events: z.array(LifeEventRecord),
    /** Events within the window around the current episode's onset (default ±3 months, DOMAIN §2.4). */
    proximal: z.array(z.object({ eventId: z.string(), proximal: z.boolean(), daysFromOnset: z.number().nullable() })),
    inventory: z.array(InventoryEntryRecord),
    snapshots: z.array(CircleSnapshotRecord),
    /** Advisory problem-area hints, each with why it fired (DOMAIN §3.2). */
    hints: z.array(ProblemAreaHintSchema),
    problemArea: ProblemAreaRecord.nullable(),
    formulation: FormulationRecord.nullable(),
    /** A draft formulation generated from the records so far, in plain words; null until there is enough. */
    draftFormulation: z.string().nullable(),
    contract: TreatmentContractRecord.nullable(),
    facts: InitialFactsRecord.nullable(),
    checklist: z.array(ChecklistItem),
  })
  .meta({ id: 'InitialPhaseView' });
export type InitialPhaseView = z.infer<typeof InitialPhaseView>;

export const RecordIdParams = z.strictObject({ recordId: Id });

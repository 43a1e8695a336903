/**
 * The interpersonal inventory: one record per important person. Not a structured instrument but a careful review
 * of relationships, past and present, with special attention to changes close to onset (DOMAIN §2.1 [S1][S2][S4]).
 * The fields are DOMAIN §2.2's [Inference] consolidation; each cites its row's source.
 */
import { RuleViolation } from '../errors.js';
import { assertEventDate, type EventDateContext, type TimelineDate } from './approx-date.js';
import {
  type CanonicalArea,
  canonicalAreas,
  CanonicalArea as Area,
  type DisputeStage,
  disputeStages,
} from './problem-areas.js';

/** DOMAIN §2.2 `relationshipType` [S1]; `relationshipDetail` holds the free text ("ex-partner", "dog"). */
export const RelationshipType = {
  partner: 'partner',
  parent: 'parent',
  child: 'child',
  sibling: 'sibling',
  friend: 'friend',
  colleague: 'colleague',
  boss: 'boss',
  other: 'other',
} as const;
export type RelationshipType = (typeof RelationshipType)[keyof typeof RelationshipType];
export const relationshipTypes = Object.values(RelationshipType);

/** DOMAIN §2.2 `supportType`: sources of social support [S1]. */
export const SupportType = {
  emotional: 'emotional',
  practical: 'practical',
  none: 'none',
  sourceOfStress: 'source-of-stress',
} as const;
export type SupportType = (typeof SupportType)[keyof typeof SupportType];

/** DOMAIN §2.2 `communicationStyle` tags [S1][S5]; `communicationNote` holds the rest. */
export const CommunicationStyle = {
  assertive: 'assertive',
  avoidsConfrontation: 'avoids-confrontation',
  angerExpression: 'anger-expression',
  indirect: 'indirect',
} as const;
export type CommunicationStyle = (typeof CommunicationStyle)[keyof typeof CommunicationStyle];

/** DOMAIN §2.2 `relationToEpisode` [S1], plus `unknown` for "not yet explored". */
export const RelationToEpisode = {
  cause: 'cause',
  consequence: 'consequence',
  both: 'both',
  unrelated: 'unrelated',
  unknown: 'unknown',
} as const;
export type RelationToEpisode = (typeof RelationToEpisode)[keyof typeof RelationToEpisode];

/**
 * Whether the mutual expectations are met (DOMAIN §2.2 `expectationsMet` [S4]). Unmet or partly met expectations
 * are non-reciprocal, which defines a role dispute (DOMAIN §3.4 [S1]).
 */
export const ExpectationsMet = { yes: 'yes', partly: 'partly', no: 'no', unknown: 'unknown' } as const;
export type ExpectationsMet = (typeof ExpectationsMet)[keyof typeof ExpectationsMet];

/** DOMAIN §2.2 `conflict`: "whether it gets resolved or dropped" [S40]. */
export const ConflictOutcome = { resolved: 'resolved', dropped: 'dropped', unknown: 'unknown' } as const;
export type ConflictOutcome = (typeof ConflictOutcome)[keyof typeof ConflictOutcome];

export interface InventoryEntryFields {
  readonly personName: string;
  readonly alias: string;
  readonly relationship: RelationshipType;
  readonly relationshipDetail: string;
  /** 1 = inner ring … 3 or 4 = outer ring; null until placed (DOMAIN §2.2, §2.3 [S40]). */
  readonly closenessRing: number | null;
  /** "How much time do you spend with them? What do you do together?" [S40] */
  readonly contactFrequency: string;
  readonly timeTogether: string;
  readonly sharedActivities: string;
  /** What the patient likes / dislikes about the relationship [S40]. */
  readonly positives: string;
  readonly negatives: string;
  /** The confiding relationship: what can and cannot be talked about, and why [S1][S40]. */
  readonly canTalkAbout: string;
  readonly cannotTalkAbout: string;
  readonly feelingsWhenTogether: readonly string[];
  /** Frequency, what happens, whether it gets resolved or dropped [S40]. */
  readonly conflict: {
    readonly present: boolean;
    readonly frequency: string;
    readonly whatHappens: string;
    readonly outcome: ConflictOutcome;
  };
  /** "Does the person know you have been feeling sad?" [S40] */
  readonly knowsAboutDepression: boolean | null;
  readonly knowsAboutDepressionNote: string;
  /** The patient's and the other's expectations, and whether they are met [S4][S1]. */
  readonly expectations: { readonly patient: string; readonly other: string; readonly met: ExpectationsMet };
  /** What this person gives the patient [S1] … */
  readonly supportReceived: readonly SupportType[];
  /** … and what the patient gives them. */
  readonly supportGiven: readonly SupportType[];
  readonly communicationStyle: readonly CommunicationStyle[];
  readonly communicationNote: string;
  /** Changes close to onset get special attention [S2][S4]. */
  readonly changedNearOnset: {
    readonly changed: boolean;
    readonly date: TimelineDate | null;
    readonly description: string;
  };
  readonly relationToEpisode: RelationToEpisode;
  /** "Is there anything you would like to change about your relationship?" [S40] */
  readonly desiredChange: string;
  readonly problemAreaLink: CanonicalArea | null;
  /** Only when the relationship is linked to a dispute (DOMAIN §2.2, §3.4). */
  readonly disputeStage: DisputeStage | null;
  readonly deceased: boolean;
  readonly dateOfDeath: TimelineDate | null;
}

/** A stored entry: the server gives it its id (core takes ids as arguments). */
export type InventoryEntry = InventoryEntryFields & { readonly id: string };

/** A blank entry, fast to fill during a session: every field optional to complete, nothing assumed about closeness. */
export function newInventoryEntry(name: string, relationship: RelationshipType): InventoryEntryFields {
  return {
    personName: name.trim(),
    alias: '',
    relationship,
    relationshipDetail: '',
    closenessRing: null,
    contactFrequency: '',
    timeTogether: '',
    sharedActivities: '',
    positives: '',
    negatives: '',
    canTalkAbout: '',
    cannotTalkAbout: '',
    feelingsWhenTogether: [],
    conflict: { present: false, frequency: '', whatHappens: '', outcome: ConflictOutcome.unknown },
    knowsAboutDepression: null,
    knowsAboutDepressionNote: '',
    expectations: { patient: '', other: '', met: ExpectationsMet.unknown },
    supportReceived: [],
    supportGiven: [],
    communicationStyle: [],
    communicationNote: '',
    changedNearOnset: { changed: false, date: null, description: '' },
    relationToEpisode: RelationToEpisode.unknown,
    desiredChange: '',
    problemAreaLink: null,
    disputeStage: null,
    deceased: false,
    dateOfDeath: null,
  };
}

/** Checks one entry; `dates` adds the future/before-birth check to the dates it holds. */
export function assertInventoryEntry(entry: InventoryEntryFields, dates?: EventDateContext): void {
  if (entry.personName.trim() === '') throw new RuleViolation('Give the person a name or an alias.', 'personName');
  if (!relationshipTypes.includes(entry.relationship)) {
    throw new RuleViolation(`Unknown relationship "${String(entry.relationship)}".`, 'relationship');
  }
  const ring = entry.closenessRing;
  if (ring !== null && (!Number.isInteger(ring) || ring < 1 || ring > 4)) {
    throw new RuleViolation('The closeness ring is 1 (inner) to 4 (outer).', 'closenessRing');
  }
  if (entry.problemAreaLink !== null && !canonicalAreas.includes(entry.problemAreaLink)) {
    throw new RuleViolation(`Unknown problem area "${String(entry.problemAreaLink)}".`, 'problemAreaLink');
  }
  if (entry.disputeStage !== null) {
    if (!disputeStages.includes(entry.disputeStage)) {
      throw new RuleViolation(`Unknown dispute stage "${String(entry.disputeStage)}".`, 'disputeStage');
    }
    if (entry.problemAreaLink !== Area.dispute) {
      throw new RuleViolation('A dispute stage belongs to a relationship linked to a role dispute.', 'disputeStage');
    }
  }
  if (entry.dateOfDeath !== null && !entry.deceased) {
    throw new RuleViolation('A date of death is recorded only for someone who has died.', 'dateOfDeath');
  }
  if (dates) {
    if (entry.dateOfDeath !== null) assertEventDate(entry.dateOfDeath, { ...dates, field: 'dateOfDeath' });
    if (entry.changedNearOnset.date !== null) {
      assertEventDate(entry.changedNearOnset.date, { ...dates, field: 'changedNearOnset.date' });
    }
  }
}

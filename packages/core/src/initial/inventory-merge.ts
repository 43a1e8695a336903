/**
 * "An entry for a person already there offers to merge" (issue "initial phase", Bad input): finding a likely
 * duplicate in the interpersonal inventory and folding two entries into one without losing what either holds.
 */
import {
  ConflictOutcome,
  ExpectationsMet,
  type InventoryEntryFields,
  RelationshipType,
  RelationToEpisode,
} from './inventory.js';

/** How a possible duplicate was recognised. */
export const DuplicateReason = { sameName: 'same-name', alias: 'alias', firstName: 'first-name' } as const;
export type DuplicateReason = (typeof DuplicateReason)[keyof typeof DuplicateReason];

export interface DuplicateMatch<T> {
  readonly entry: T;
  readonly reason: DuplicateReason;
}

/**
 * Normalises a name for comparison: Unicode compatibility form without accents, lower case, punctuation to
 * spaces, whitespace collapsed, and a leading "my " dropped ("My mum" and "mum" are the same entry).
 */
export function normalisePersonName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^my /, '');
}

/**
 * An entry that may already be this person, so the form can offer to merge (issue "initial phase", Bad input).
 * Heuristics, strongest first: the same normalised name; the same as an entry's alias; a one-word name equal to
 * the first word of an entry's name ("Laura" and "Laura Smith"). Two different full names never match.
 */
export function findDuplicatePerson<T extends Pick<InventoryEntryFields, 'personName' | 'alias'>>(
  entries: readonly T[],
  name: string,
): DuplicateMatch<T> | null {
  const wanted = normalisePersonName(name);
  if (wanted === '') return null;
  const byName = entries.find((e) => normalisePersonName(e.personName) === wanted);
  if (byName) return { entry: byName, reason: DuplicateReason.sameName };
  const byAlias = entries.find((e) => e.alias.trim() !== '' && normalisePersonName(e.alias) === wanted);
  if (byAlias) return { entry: byAlias, reason: DuplicateReason.alias };
  const firstWord = (s: string) => s.split(' ')[0] ?? '';
  const oneWord = (s: string) => s !== '' && !s.includes(' ');
  const byFirst = entries.find((e) => {
    const other = normalisePersonName(e.personName);
    return (oneWord(wanted) || oneWord(other)) && firstWord(other) === firstWord(wanted);
  });
  return byFirst ? { entry: byFirst, reason: DuplicateReason.firstName } : null;
}

export interface MergeResult<T> {
  readonly merged: T;
  /** Fields where both entries held different answers; the first entry's answer was kept. */
  readonly conflicts: readonly string[];
}

function joinText(a: string, b: string): string {
  const x = a.trim();
  const y = b.trim();
  if (y === '' || x.includes(y)) return a;
  if (x === '' || y.includes(x)) return b;
  return `${x}\n${y}`;
}

/** The other names a merged person goes by: a's alias, b's name when it differs, b's alias; no repeats. */
function mergedAlias(a: InventoryEntryFields, b: InventoryEntryFields): string {
  const seen = new Set([normalisePersonName(a.personName)]);
  const names: string[] = [];
  for (const n of [a.alias, b.personName, b.alias]) {
    const key = normalisePersonName(n);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    names.push(n.trim());
  }
  return names.join(', ');
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

function union<V>(a: readonly V[], b: readonly V[]): V[] {
  return [...new Set([...a, ...b])];
}

/**
 * Folds `b` into `a` without losing anything: texts are joined, tags united, yes/no facts that either records are
 * kept, and for single answers `a` wins where it has one (each disagreement is listed in `conflicts`). `a` keeps
 * its id and name.
 */
export function mergeEntries<T extends InventoryEntryFields>(a: T, b: InventoryEntryFields): MergeResult<T> {
  const conflicts: string[] = [];
  function pick<V>(field: string, x: V, y: V, empty: V): V {
    if (same(x, empty)) return y;
    if (!same(y, empty) && !same(y, x)) conflicts.push(field);
    return x;
  }
  const merged: T = {
    ...a,
    alias: mergedAlias(a, b),
    relationship: pick('relationship', a.relationship, b.relationship, RelationshipType.other),
    relationshipDetail: joinText(a.relationshipDetail, b.relationshipDetail),
    closenessRing: pick('closenessRing', a.closenessRing, b.closenessRing, null),
    contactFrequency: joinText(a.contactFrequency, b.contactFrequency),
    timeTogether: joinText(a.timeTogether, b.timeTogether),
    sharedActivities: joinText(a.sharedActivities, b.sharedActivities),
    positives: joinText(a.positives, b.positives),
    negatives: joinText(a.negatives, b.negatives),
    canTalkAbout: joinText(a.canTalkAbout, b.canTalkAbout),
    cannotTalkAbout: joinText(a.cannotTalkAbout, b.cannotTalkAbout),
    feelingsWhenTogether: union(a.feelingsWhenTogether, b.feelingsWhenTogether),
    conflict: {
      present: a.conflict.present || b.conflict.present,
      frequency: joinText(a.conflict.frequency, b.conflict.frequency),
      whatHappens: joinText(a.conflict.whatHappens, b.conflict.whatHappens),
      outcome: pick('conflict.outcome', a.conflict.outcome, b.conflict.outcome, ConflictOutcome.unknown),
    },
    knowsAboutDepression: pick('knowsAboutDepression', a.knowsAboutDepression, b.knowsAboutDepression, null),
    knowsAboutDepressionNote: joinText(a.knowsAboutDepressionNote, b.knowsAboutDepressionNote),
    expectations: {
      patient: joinText(a.expectations.patient, b.expectations.patient),
      other: joinText(a.expectations.other, b.expectations.other),
      met: pick('expectations.met', a.expectations.met, b.expectations.met, ExpectationsMet.unknown),
    },
    supportReceived: union(a.supportReceived, b.supportReceived),
    supportGiven: union(a.supportGiven, b.supportGiven),
    communicationStyle: union(a.communicationStyle, b.communicationStyle),
    communicationNote: joinText(a.communicationNote, b.communicationNote),
    changedNearOnset: {
      changed: a.changedNearOnset.changed || b.changedNearOnset.changed,
      date: pick('changedNearOnset.date', a.changedNearOnset.date, b.changedNearOnset.date, null),
      description: joinText(a.changedNearOnset.description, b.changedNearOnset.description),
    },
    relationToEpisode: pick('relationToEpisode', a.relationToEpisode, b.relationToEpisode, RelationToEpisode.unknown),
    desiredChange: joinText(a.desiredChange, b.desiredChange),
    problemAreaLink: pick('problemAreaLink', a.problemAreaLink, b.problemAreaLink, null),
    disputeStage: pick('disputeStage', a.disputeStage, b.disputeStage, null),
    deceased: a.deceased || b.deceased,
    dateOfDeath: pick('dateOfDeath', a.dateOfDeath, b.dateOfDeath, null),
  };
  return { merged, conflicts };
}

/**
 * Reads the hint engine's input as untrusted data. Whatever arrives (a half-filled form, an old record, garbage),
 * this returns clean facts and never throws: anything malformed is left out (issue "initial phase", Bad input).
 */
import { parseTimelineDate, type TimelineDate } from './approx-date.js';
import { type TaxonomyPreset, TaxonomyPreset as Preset, taxonomyPresets } from './problem-areas.js';
import { type LifeEvent, lifeEventCategories, ProximalWindow } from './timeline.js';

/** What the rules need to know about a person. */
export interface HintPerson {
  readonly id: string;
  readonly name: string;
  readonly deceased: boolean;
  /** Only for someone marked deceased: a date of death on a living person is a contradiction and is ignored. */
  readonly dateOfDeath: TimelineDate | null;
  readonly conflict: boolean;
  readonly met: string;
  readonly patientExpects: string;
  readonly otherExpects: string;
  readonly ring: number | null;
}

export interface HintFacts {
  readonly preset: TaxonomyPreset;
  readonly windowMonths: number;
  readonly sparseMaxClose: number;
  readonly onset: TimelineDate | null;
  readonly events: readonly LifeEvent[];
  readonly people: readonly HintPerson[];
  /** Circle placements with a person id and a whole ring; empty when no circle was given. */
  readonly placements: readonly { readonly personId: string; readonly ring: number }[];
}

/**
 * DOMAIN gives no number for a "sparse circle". [Inference, ours] At most one living person in the two inner rings:
 * deficits is the area of last resort (DOMAIN §3.6 [S51]), so the hint is kept conservative; callers may tune it.
 */
export const SparseCircle = { defaultMaxClose: 1, closeRings: 2 } as const;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (x: unknown): string => (typeof x === 'string' ? x.trim() : '');
const list = (x: unknown): readonly unknown[] => (Array.isArray(x) ? x : []);
const wholeNumber = (x: unknown, min: number, max: number, fallback: number): number =>
  typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max ? x : fallback;

function readEvents(raw: unknown): LifeEvent[] {
  const out: LifeEvent[] = [];
  for (const e of list(raw)) {
    // A planned event has not happened: the rules read what happened around the onset (DOMAIN §3.2).
    if (!isRecord(e) || e.planned === true) continue;
    const date = parseTimelineDate(e.date);
    const category = lifeEventCategories.find((c) => c === e.category);
    if (text(e.id) === '' || date === null || category === undefined) continue;
    out.push({ id: text(e.id), date, category, personId: text(e.personId) || null, description: text(e.description) });
  }
  return out;
}

function readPeople(raw: unknown): HintPerson[] {
  const out: HintPerson[] = [];
  for (const p of list(raw)) {
    if (!isRecord(p) || text(p.id) === '') continue;
    const expectations = isRecord(p.expectations) ? p.expectations : {};
    out.push({
      id: text(p.id),
      name: text(p.personName) || 'someone',
      deceased: p.deceased === true,
      dateOfDeath: p.deceased === true ? parseTimelineDate(p.dateOfDeath) : null,
      conflict: isRecord(p.conflict) && p.conflict.present === true,
      met: text(expectations.met),
      patientExpects: text(expectations.patient),
      otherExpects: text(expectations.other),
      ring: wholeNumber(p.closenessRing, 1, 4, 0) || null,
    });
  }
  return out;
}

function readPlacements(raw: unknown): { personId: string; ring: number }[] {
  const out: { personId: string; ring: number }[] = [];
  for (const p of list(raw)) {
    if (!isRecord(p) || text(p.personId) === '') continue;
    const ring = wholeNumber(p.ring, 1, 4, 0);
    if (ring > 0) out.push({ personId: text(p.personId), ring });
  }
  return out;
}

export function readHintInput(input: unknown): HintFacts {
  const raw: Record<string, unknown> = isRecord(input) ? input : {};
  return {
    preset: taxonomyPresets.find((p) => p === raw.preset) ?? Preset.weissman4,
    windowMonths: wholeNumber(raw.windowMonths, 0, ProximalWindow.maxMonths, ProximalWindow.defaultMonths),
    sparseMaxClose: wholeNumber(raw.sparseMaxClose, 0, 1000, SparseCircle.defaultMaxClose),
    onset: parseTimelineDate(raw.onset),
    events: readEvents(raw.events),
    people: readPeople(raw.inventory),
    placements: readPlacements(raw.circle),
  };
}

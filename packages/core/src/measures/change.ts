/**
 * Interpreting change over a course: response, remission, reliable improvement and deterioration, and the three
 * distinct meanings of "recovery", kept as separately named results so reports cannot mix them up (ERRATA Must-fix 9).
 * See shared/ipt/DOMAIN.md §9.9. Every threshold is the instrument's (cited in its file) unless overridden.
 */
import { RuleViolation } from '../errors.js';
import { type CutOff, cutOffs } from './cut-offs.js';
import type { Instrument, Threshold } from './instrument.js';
import { bandFor } from './score.js';

export { type CutOff, cutOffs } from './cut-offs.js';

/** Override any instrument threshold (all are configurable: ERRATA Must-fix 4). */
export interface ThresholdOverrides {
  readonly remission?: number;
  readonly reliableChange?: number;
  readonly responseFraction?: number;
  readonly caseness?: number;
}

/** A yes/no judgement with the definition used; `met` is null when it cannot be judged, and `definition` says why. */
export interface Judgement {
  readonly met: boolean | null;
  readonly definition: string;
  readonly source: string | null;
}

export interface ChangeInterpretation {
  /** current − baseline, in points of the reported total. */
  readonly change: number;
  /** Change in the better direction (positive = better), whichever way the instrument runs. */
  readonly improvement: number;
  readonly response: Judgement;
  readonly remission: Judgement;
  readonly reliableImprovement: Judgement;
  readonly reliableDeterioration: Judgement;
}

function threshold(
  instrument: Instrument,
  key: keyof ThresholdOverrides,
  overrides: ThresholdOverrides | undefined,
): Threshold | undefined {
  const override = overrides?.[key];
  if (override !== undefined) {
    if (!Number.isFinite(override)) throw new RuleViolation(`The ${key} threshold must be a number.`, key);
    return { value: override, source: 'Threshold set by the service (overrides the instrument default).' };
  }
  return instrument.thresholds[key];
}

function undefinedFor(instrument: Instrument, what: string): Judgement {
  // Where no threshold is sourced we say so, never invent one (EPDS remission: DOMAIN §9.9; ERRATA row 44).
  const standard = what === 'remission' ? 'standard ' : '';
  return {
    met: null,
    definition: `No ${standard}${what} threshold is sourced for the ${instrument.shortName}.`,
    source: null,
  };
}

function assertTotal(instrument: Instrument, total: number, field: string): void {
  const { min, max } = instrument.scoring;
  if (!Number.isFinite(total) || total < min || total > max) {
    throw new RuleViolation(`${instrument.shortName} totals run from ${min} to ${max}; got ${total}.`, field);
  }
}

/** True when a total is in remission for this instrument; null when it has no remission threshold. */
export function isInRemission(instrument: Instrument, total: number, overrides?: ThresholdOverrides): boolean | null {
  const t = threshold(instrument, 'remission', overrides);
  return t === undefined ? null : total <= t.value;
}

export function interpretChange(
  instrument: Instrument,
  baselineTotal: number,
  currentTotal: number,
  overrides?: ThresholdOverrides,
): ChangeInterpretation {
  assertTotal(instrument, baselineTotal, 'baselineTotal');
  assertTotal(instrument, currentTotal, 'currentTotal');
  const change = currentTotal - baselineTotal;
  const improvement = instrument.scoring.direction === 'higher-is-worse' ? -change : change;

  const remissionT = threshold(instrument, 'remission', overrides);
  const remission: Judgement = remissionT
    ? {
        met: currentTotal <= remissionT.value,
        definition: `Remission: current total ≤ ${remissionT.value}.`,
        source: remissionT.source,
      }
    : undefinedFor(instrument, 'remission');

  const responseT = threshold(instrument, 'responseFraction', overrides);
  let response: Judgement;
  if (instrument.scoring.direction !== 'higher-is-worse' || responseT === undefined) {
    response = undefinedFor(instrument, 'response');
  } else {
    const definition = `Response: a fall of at least ${Math.round(responseT.value * 100)}% from the baseline total.`;
    response =
      baselineTotal <= 0
        ? { met: null, definition: `${definition} Not defined from a baseline of 0.`, source: responseT.source }
        : { met: improvement >= responseT.value * baselineTotal, definition, source: responseT.source };
  }

  const rcT = threshold(instrument, 'reliableChange', overrides);
  const reliableImprovement: Judgement = rcT
    ? { met: improvement >= rcT.value, definition: `Improved by at least ${rcT.value} points.`, source: rcT.source }
    : undefinedFor(instrument, 'reliable change');
  const reliableDeterioration: Judgement = rcT
    ? { met: -improvement >= rcT.value, definition: `Worsened by at least ${rcT.value} points.`, source: rcT.source }
    : undefinedFor(instrument, 'reliable change');

  return { change, improvement, response, remission, reliableImprovement, reliableDeterioration };
}

export interface SeriesPoint {
  /** ISO-8601 date or instant. */
  readonly date: string;
  readonly total: number;
}

/**
 * Sustained recovery: Frank et al. 1991 (the MacArthur task force) call "recovery" a remission sustained over time
 * (ERRATA Must-fix 9). Frank 1991 itself was not read, so the duration is taken from sources that report or revise it:
 * six months of remission, as the MacArthur definition is reported (J Clin Psychiatry commentary "When should a
 * patient be declared recovered from a major depressive episode?"; Möller et al., Medicographia 2011;33:125); the
 * ACNP task force (Rush, Frank et al., Neuropsychopharmacology 2006;31:1841) ascribes recovery after at least 4 months
 * from the onset of remission. The measured operationalisation below is ours, and therefore PROVISIONAL: every
 * administration from the first of the unbroken run of remission up to the latest is in remission, the run holds at
 * least two administrations and follows one not in remission, and it spans at least this many calendar months.
 */
export const sustainedRecoveryRule = {
  months: 6,
  source:
    'Frank et al. 1991 (MacArthur task force): recovery is remission sustained over time (ERRATA Must-fix 9). ' +
    'Six months as the MacArthur definition is reported (J Clin Psychiatry commentary; Möller 2011); the ACNP task ' +
    'force (Rush et al. 2006) uses 4 months. Frank 1991 was not read: a provisional rule.',
} as const;

export interface CourseOptions {
  readonly thresholds?: ThresholdOverrides;
  /** How long the measured remission must span to count as sustained recovery (default 6 months, provisional). */
  readonly sustainedRecoveryMonths?: number;
}

export interface CourseClassification {
  readonly baseline: SeriesPoint | null;
  readonly latest: SeriesPoint | null;
  /** Baseline (first measurement) to latest; null with fewer than two measurements. */
  readonly change: ChangeInterpretation | null;
  /** The latest total is at or below the remission threshold. */
  readonly remission: Judgement;
  /** NHS Talking Therapies "recovery" on this one measure: a case at baseline, not a case at the latest. */
  readonly iaptRecovery: Judgement;
  /** Frank 1991 "recovery": remission sustained over time; `since` is when the unbroken remission began. */
  readonly sustainedRecovery: Judgement & { readonly since: string | null };
}

function timeOf(point: SeriesPoint): number {
  const t = Date.parse(point.date);
  if (Number.isNaN(t)) throw new RuleViolation(`"${point.date}" is not an ISO-8601 date.`, 'date');
  return t;
}

interface Timed {
  readonly point: SeriesPoint;
  readonly time: number;
}

function sortedPoints(instrument: Instrument, series: readonly SeriesPoint[]): Timed[] {
  return series
    .map((p) => {
      assertTotal(instrument, p.total, 'total');
      return { point: p, time: timeOf(p) };
    })
    .sort((a, b) => a.time - b.time);
}

/** Classify a course from its series of totals (any order; sorted by date here, the first is the baseline). */
export function classifyCourse(
  instrument: Instrument,
  series: readonly SeriesPoint[],
  options: CourseOptions = {},
): CourseClassification {
  const points = sortedPoints(instrument, series);
  const baseline = points[0]?.point ?? null;
  const latest = points.at(-1)?.point ?? null;
  const t = options.thresholds;
  const change =
    baseline && latest && points.length > 1 ? interpretChange(instrument, baseline.total, latest.total, t) : null;

  const remissionT = threshold(instrument, 'remission', t);
  const remission: Judgement =
    remissionT === undefined
      ? undefinedFor(instrument, 'remission')
      : {
          met: latest === null ? null : latest.total <= remissionT.value,
          definition: `Remission: latest total ≤ ${remissionT.value}.`,
          source: remissionT.source,
        };

  const casenessT = threshold(instrument, 'caseness', t);
  const iaptRecovery: Judgement =
    casenessT === undefined
      ? undefinedFor(instrument, 'caseness')
      : {
          met:
            change === null || !baseline || !latest
              ? null
              : baseline.total >= casenessT.value && latest.total < casenessT.value,
          definition:
            `NHS Talking Therapies recovery on the ${instrument.shortName} alone: a case (≥ ${casenessT.value}) at ` +
            'baseline and not a case at the latest measurement. The service definition combines the depression ' +
            'measure with the problem-specific anxiety measure; combine per-measure results at the caller (ERRATA ' +
            'Must-fix 4).',
          source: casenessT.source,
        };

  return {
    baseline,
    latest,
    change,
    remission,
    iaptRecovery,
    sustainedRecovery: sustained(instrument, points, remissionT, options),
  };
}

/** `months` calendar months after `time` (UTC), the day clamped to the month's last (31 Aug + 6 → 28/29 Feb). */
function addMonths(time: number, months: number): number {
  const d = new Date(time);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime() + (time - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function sustained(
  instrument: Instrument,
  points: readonly Timed[],
  remissionT: Threshold | undefined,
  options: CourseOptions,
): CourseClassification['sustainedRecovery'] {
  const source = sustainedRecoveryRule.source;
  if (remissionT === undefined) {
    return {
      met: null,
      definition:
        `No standard remission threshold is sourced for the ${instrument.shortName}, so sustained recovery ` +
        '(remission sustained over time) is not judged.',
      source: null,
      since: null,
    };
  }
  const months = options.sustainedRecoveryMonths ?? sustainedRecoveryRule.months;
  if (!Number.isInteger(months) || months < 1) {
    throw new RuleViolation('The sustained-recovery duration is a whole number of months, at least 1.', 'months');
  }
  const definition =
    `Sustained recovery (provisional rule): every total ≤ ${remissionT.value} from the start of the unbroken ` +
    `remission to the latest, at least two such administrations after one not in remission, spanning at least ` +
    `${months} months.`;
  // The start of the unbroken run of remission that reaches the latest measurement.
  let start: number | null = null;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p === undefined || p.point.total > remissionT.value) break;
    start = i;
  }
  const first = start === null ? undefined : points[start];
  const since = first?.point.date ?? null;
  const last = points.at(-1);
  if (last === undefined) return { met: null, definition, source, since };
  // In remission from the baseline on: no episode on this measure to recover from.
  if (start === 0) return { met: null, definition: `${definition} In remission from the baseline on.`, source, since };
  const met =
    first !== undefined && start !== null && points.length - start >= 2 && last.time >= addMonths(first.time, months);
  return { met, definition, source, since };
}

// ---------- the one reading of change (issue 10 part 3) ----------

/** How a course reads on one measure, baseline to latest. */
export const ChangeOutcome = {
  /** Response, reliable improvement, remission reached, or below the cut-off from a case at baseline. */
  improved: 'improved',
  /** None of those, with at least one of them judged. */
  notImproved: 'not-improved',
  /** Reliable deterioration. */
  worse: 'worse',
  /**
   * In remission (or, where no remission threshold is sourced, on the well side of every cut-off) at baseline and at
   * the latest: the measure cannot show improvement, nor its absence. Our reading, not a source's.
   */
  wellThroughout: 'well-throughout',
  /** Nothing can be judged: no sourced threshold applies. */
  notJudged: 'not-judged',
  /** Fewer than two measurements. */
  tooFew: 'too-few',
} as const;
export type ChangeOutcome = (typeof ChangeOutcome)[keyof typeof ChangeOutcome];

export interface ReadingPoint {
  readonly date: string;
  readonly total: number;
  readonly band: string | null;
}

/**
 * Everything said about change on one measure, from one function (`readChange`): the chart's interpretation, the
 * progress review, the termination checklist and both documents all read this, so they cannot disagree.
 */
export interface ChangeReading {
  readonly instrumentId: string;
  readonly shortName: string;
  /** Measurements in the series. */
  readonly count: number;
  readonly baseline: ReadingPoint | null;
  /** The latest measurement (the baseline itself when there is only one). */
  readonly latest: ReadingPoint | null;
  /** Latest − baseline, in points of the reported total; null with fewer than two measurements. */
  readonly change: number | null;
  /** The change in the better direction (positive = better), whichever way the instrument runs. */
  readonly improvement: number | null;
  /** The fall as a percentage of the baseline, rounded (negative for a rise); null where response does not apply. */
  readonly percentFall: number | null;
  readonly response: Judgement;
  readonly reliableImprovement: Judgement;
  readonly reliableDeterioration: Judgement;
  readonly remission: Judgement;
  /**
   * On the case side of a published cut-off at baseline, past the lowest to the well side at the latest (cut-offs.ts):
   * below it where higher is worse, above it on the WHO-5. Not remission, and not NHS Talking Therapies recovery.
   */
  readonly belowCutOff: Judgement;
  readonly iaptRecovery: Judgement;
  readonly sustainedRecovery: Judgement & { readonly since: string | null };
  readonly outcome: ChangeOutcome;
  /** Improved on this measure: true, false, or null where it cannot be told (see `ChangeOutcome`). */
  readonly improved: boolean | null;
  /** The outcome in a few words ("Improved: below the cut-off"). */
  readonly verdict: string;
  /** The reading in full sentences, every number filled in. */
  readonly sentence: string;
}

function caseSide(instrument: Instrument, total: number, c: CutOff): boolean {
  return instrument.scoring.direction === 'higher-is-worse' ? total >= c.value : total <= c.value;
}

function cutOffText(instrument: Instrument, c: CutOff): string {
  const unit = instrument.scoring.unit ?? '';
  const sign = instrument.scoring.direction === 'higher-is-worse' ? '≥' : '≤';
  return `the ${sign} ${c.value}${unit} cut-off for ${c.meaning}`;
}

/** Where a total stands against the cut-offs: the most severe one reached, or below the lowest. */
function position(instrument: Instrument, total: number, list: readonly CutOff[]) {
  const reached = list.filter((c) => caseSide(instrument, total, c)).at(-1);
  return reached !== undefined
    ? { cutOff: reached, side: `at or ${above(instrument)}` }
    : { cutOff: list[0], side: outside(instrument) };
}

/** Baseline and latest against the cut-offs, naming a cut-off once where both stand by the same one. */
function positions(instrument: Instrument, baseline: number, latest: number, list: readonly CutOff[]): string {
  const from = position(instrument, baseline, list);
  const to = position(instrument, latest, list);
  if (from.cutOff === undefined || to.cutOff === undefined) return '';
  const fromText = `${from.side} ${cutOffText(instrument, from.cutOff)}`;
  if (from.cutOff !== to.cutOff) return `Baseline ${fromText}; latest ${to.side} ${cutOffText(instrument, to.cutOff)}.`;
  return from.side === to.side
    ? `Baseline and latest both ${fromText}.`
    : `Baseline ${fromText}; latest ${to.side} it.`;
}

const above = (i: Instrument) => (i.scoring.direction === 'higher-is-worse' ? 'above' : 'below');
const outside = (i: Instrument) => (i.scoring.direction === 'higher-is-worse' ? 'below' : 'above');

function belowCutOffJudgement(
  instrument: Instrument,
  baseline: number | null,
  latest: number | null,
  list: readonly CutOff[],
): Judgement {
  const lowest = list[0];
  if (lowest === undefined) {
    return {
      met: null,
      definition: `No screening cut-off is sourced for the ${instrument.shortName}.`,
      source: null,
    };
  }
  const definition =
    `Below the cut-off: on the case side of a published cut-off at baseline and ${outside(instrument)} ` +
    `${cutOffText(instrument, lowest)} at the latest.`;
  const source = list.map((c) => c.source).join(' ');
  if (baseline === null || latest === null) return { met: null, definition, source };
  if (!caseSide(instrument, baseline, lowest)) {
    return { met: null, definition: `${definition} Not on the case side at baseline.`, source };
  }
  return { met: !caseSide(instrument, latest, lowest), definition, source };
}

function movement(instrument: Instrument, improvement: number, percentFall: number | null): string {
  if (improvement === 0) return 'no change';
  const unit = instrument.scoring.unit === '%' ? 'percentage points' : 'points';
  const size = Math.abs(improvement);
  const points = `${size} ${size === 1 ? unit.replace(/s$/, '') : unit}`;
  const pct = percentFall === null ? '' : percentFall >= 0 ? `, a ${percentFall}% fall` : `, a ${-percentFall}% rise`;
  return `${points} ${improvement > 0 ? 'better' : 'worse'}${pct}`;
}

/** The improvement criteria that were met, in words, in the order a reader weighs them. */
function metCriteria(r: {
  response: Judgement;
  reliableImprovement: Judgement;
  remissionReached: boolean | null;
  belowCutOff: Judgement;
  /** "below", or "above" where higher is better (WHO-5). */
  pastCutOff: string;
}): string[] {
  return [
    r.response.met === true ? 'response' : null,
    r.reliableImprovement.met === true ? 'reliable improvement' : null,
    r.remissionReached === true ? 'remission' : null,
    r.belowCutOff.met === true ? `${r.pastCutOff} the cut-off` : null,
  ].filter((x): x is string => x !== null);
}

function joinAnd(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * THE reading of change on one measure (DOMAIN §9.9 with ERRATA Must-fix 9 and rows 70–78): response (≥ 50% fall,
 * where higher is worse), remission (the instrument's sourced threshold; the EPDS has none, ERRATA row 44), reliable
 * improvement and deterioration (the instrument's sourced points), below the cut-off (the published cut-offs of
 * cut-offs.ts: a case at baseline, below the lowest at the latest — NHS Talking Therapies' caseness-to-non-caseness
 * logic, DOMAIN §9.9, applied to each instrument's own cut-offs [Inference]), NHS Talking Therapies recovery and
 * sustained recovery (kept apart, ERRATA Must-fix 9), and the outcome:
 * - `worse` on reliable deterioration;
 * - `improved` on response, reliable improvement, remission reached (in remission at the latest, not at baseline) or
 *   below the cut-off — so EPDS 15 → 9 (a 40% fall, no reliable-change threshold sourced) reads "improved: below the
 *   cut-off", not "not improved";
 * - `well-throughout` when the baseline and the latest are both in remission (or, with no remission threshold, both on
 *   the well side of every cut-off): the measure cannot show a change the termination checklist should act on;
 * - `not-improved` when none is met and one at least was judged; `not-judged` when none could be; `too-few` with
 *   fewer than two measurements.
 */
export function readChange(
  instrument: Instrument,
  series: readonly SeriesPoint[],
  options: CourseOptions = {},
): ChangeReading {
  const course = classifyCourse(instrument, series, options);
  const list = cutOffs[instrument.id];
  const banded = (p: SeriesPoint | null): ReadingPoint | null =>
    p === null ? null : { date: p.date, total: p.total, band: bandFor(instrument.bands, p.total)?.label ?? null };
  const baseline = banded(course.baseline);
  const latest = banded(course.latest);
  const c = course.change;
  const unit = instrument.scoring.unit ?? '';
  const name = instrument.shortName;
  const needsTwo: Judgement = {
    met: null,
    definition: 'Needs a baseline and at least one later measurement.',
    source: 'DOMAIN §9.9',
  };
  const responseT = threshold(instrument, 'responseFraction', options.thresholds);
  const responseApplies = instrument.scoring.direction === 'higher-is-worse' && responseT !== undefined;
  const percentFall =
    c !== null && responseApplies && baseline !== null && baseline.total > 0
      ? Math.round((c.improvement / baseline.total) * 100)
      : null;
  const belowCutOff =
    c === null ? needsTwo : belowCutOffJudgement(instrument, baseline?.total ?? null, latest?.total ?? null, list);
  const remissionT = threshold(instrument, 'remission', options.thresholds);
  const inRemission = (total: number) => (remissionT === undefined ? null : total <= remissionT.value);
  const remissionReached =
    c === null || baseline === null || latest === null || remissionT === undefined
      ? null
      : inRemission(baseline.total)
        ? null
        : inRemission(latest.total);
  const judged = {
    response: c?.response ?? needsTwo,
    reliableImprovement: c?.reliableImprovement ?? needsTwo,
    reliableDeterioration: c?.reliableDeterioration ?? needsTwo,
    belowCutOff,
    remissionReached,
    pastCutOff: outside(instrument),
  };
  const met = metCriteria(judged);

  /** Well at both ends: in remission where a threshold is sourced, else on the well side of every cut-off. */
  const well = (total: number) => {
    const r = inRemission(total);
    if (r !== null) return r;
    const lowest = list[0];
    return lowest === undefined ? null : !caseSide(instrument, total, lowest);
  };

  let outcome: ChangeOutcome;
  if (c === null || baseline === null || latest === null) outcome = ChangeOutcome.tooFew;
  else if (c.reliableDeterioration.met === true) outcome = ChangeOutcome.worse;
  else if (met.length > 0) outcome = ChangeOutcome.improved;
  else if (well(baseline.total) === true && well(latest.total) === true) outcome = ChangeOutcome.wellThroughout;
  else if (
    [judged.response.met, judged.reliableImprovement.met, judged.belowCutOff.met, remissionReached].includes(false)
  ) {
    outcome = ChangeOutcome.notImproved;
  } else outcome = ChangeOutcome.notJudged;

  const improved =
    outcome === ChangeOutcome.improved
      ? true
      : outcome === ChangeOutcome.notImproved || outcome === ChangeOutcome.worse
        ? false
        : null;

  const rcT = threshold(instrument, 'reliableChange', options.thresholds);
  const verdict = {
    [ChangeOutcome.improved]: `Improved: ${joinAnd(met)}`,
    [ChangeOutcome.notImproved]: 'Not improved on any sourced criterion',
    [ChangeOutcome.worse]: `Worse: reliable deterioration (a change of at least ${rcT?.value ?? 0}${unit === '%' ? ' percentage' : ''} points)`,
    [ChangeOutcome.wellThroughout]:
      remissionT !== undefined
        ? 'In remission at baseline and at the latest: this measure cannot show improvement'
        : 'On the well side of the cut-off at baseline and at the latest: this measure cannot show improvement',
    [ChangeOutcome.notJudged]: 'Change cannot be judged: no sourced threshold applies',
    [ChangeOutcome.tooFew]: 'Change cannot be judged yet: it needs a baseline and a later score',
  }[outcome];

  const sentences: string[] = [];
  if (baseline === null) {
    sentences.push(`No ${name} score yet.`);
  } else if (c === null || latest === null) {
    sentences.push(`${name} ${baseline.total}${unit} at baseline; change needs a later score.`);
  } else {
    sentences.push(
      `${name} ${baseline.total}${unit} → ${latest.total}${unit}: ${movement(instrument, c.improvement, percentFall)}.`,
    );
    if (!responseApplies) {
      sentences.push(
        instrument.scoring.direction === 'higher-is-worse'
          ? `No response threshold is sourced for the ${name}.`
          : `Response (a fall of at least 50%) does not apply: a higher ${name} is better.`,
      );
    } else if (judged.response.met === null) {
      sentences.push('Response cannot be judged from a baseline of 0.');
    } else {
      const pct = Math.round((responseT?.value ?? 0) * 100);
      sentences.push(
        judged.response.met
          ? `A response: a fall of at least ${pct}%.`
          : `Not a response: that needs a fall of at least ${pct}%.`,
      );
    }
    if (rcT === undefined) {
      sentences.push(`No reliable-change threshold is sourced for the ${name}.`);
    } else {
      const size = `${rcT.value}${unit === '%' ? ' percentage' : ''} points`;
      sentences.push(
        c.reliableImprovement.met
          ? `Reliable improvement: a change of at least ${size}.`
          : c.reliableDeterioration.met
            ? `Reliable deterioration: a change of at least ${size}.`
            : `Not a reliable change: that needs at least ${size}.`,
      );
    }
    if (list.length > 0) {
      sentences.push(positions(instrument, baseline.total, latest.total, list));
    }
    if (remissionT === undefined) {
      sentences.push(`No standard remission threshold is sourced for the ${name}.`);
    } else {
      sentences.push(
        latest.total <= remissionT.value
          ? `In remission (a total of ${remissionT.value}${unit} or less).`
          : `Not in remission: that needs a total of ${remissionT.value}${unit} or less.`,
      );
    }
    sentences.push(`${verdict}.`);
  }

  return {
    instrumentId: instrument.id,
    shortName: name,
    count: series.length,
    baseline,
    latest,
    change: c?.change ?? null,
    improvement: c?.improvement ?? null,
    percentFall,
    response: judged.response,
    reliableImprovement: judged.reliableImprovement,
    reliableDeterioration: judged.reliableDeterioration,
    remission: course.remission,
    belowCutOff,
    iaptRecovery: course.iaptRecovery,
    sustainedRecovery: course.sustainedRecovery,
    outcome,
    improved,
    verdict,
    sentence: sentences.join(' '),
  };
}

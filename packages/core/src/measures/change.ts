/**
 * Interpreting change over a course: response, remission, reliable improvement and deterioration, and the three
 * distinct meanings of "recovery", kept as separately named results so reports cannot mix them up (ERRATA Must-fix 9).
 * See shared/ipt/DOMAIN.md §9.9. Every threshold is the instrument's (cited in its file) unless overridden.
 */
import { RuleViolation } from '../errors.js';
import type { Instrument, Threshold } from './instrument.js';

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
  return { met: null, definition: `No ${what} threshold is sourced for the ${instrument.shortName}.`, source: null };
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

export interface CourseOptions {
  readonly thresholds?: ThresholdOverrides;
  /** How long remission must last to count as sustained recovery. No source read gives the duration, so there is no
   * default: without it `sustainedRecovery.met` is null. */
  readonly sustainedRecoveryMinDays?: number;
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

const dayMs = 86_400_000;

function timeOf(point: SeriesPoint): number {
  const t = Date.parse(point.date);
  if (Number.isNaN(t)) throw new RuleViolation(`"${point.date}" is not an ISO-8601 date.`, 'date');
  return t;
}

/** Classify a course from its series of totals (any order; sorted by date here, the first is the baseline). */
export function classifyCourse(
  instrument: Instrument,
  series: readonly SeriesPoint[],
  options: CourseOptions = {},
): CourseClassification {
  const points = series
    .map((p) => {
      assertTotal(instrument, p.total, 'total');
      return { point: p, time: timeOf(p) };
    })
    .sort((a, b) => a.time - b.time);
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
  const iaptDefinition =
    `NHS Talking Therapies recovery on the ${instrument.shortName} alone: a case (≥ ${casenessT?.value ?? '?'}) at ` +
    'baseline and not a case at the latest measurement. The service definition combines the depression measure with ' +
    'the problem-specific anxiety measure; combine per-measure results at the caller (ERRATA Must-fix 4).';
  const iaptRecovery: Judgement =
    casenessT === undefined
      ? undefinedFor(instrument, 'caseness')
      : {
          met:
            change === null || !baseline || !latest
              ? null
              : baseline.total >= casenessT.value && latest.total < casenessT.value,
          definition: iaptDefinition,
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

function sustained(
  instrument: Instrument,
  points: readonly { point: SeriesPoint; time: number }[],
  remissionT: Threshold | undefined,
  options: CourseOptions,
): CourseClassification['sustainedRecovery'] {
  const source =
    'Frank et al. 1991 (MacArthur task force): recovery is remission sustained over time (ERRATA Must-fix 9).';
  if (remissionT === undefined) return { ...undefinedFor(instrument, 'remission'), since: null };
  const minDays = options.sustainedRecoveryMinDays;
  // The start of the unbroken run of remission that reaches the latest measurement.
  let start: number | null = null;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p === undefined || p.point.total > remissionT.value) break;
    start = i;
  }
  const since = start === null ? null : (points[start]?.point.date ?? null);
  if (minDays === undefined || !Number.isFinite(minDays) || minDays < 0) {
    return {
      met: null,
      definition: 'Sustained recovery needs a minimum duration of remission; none is configured (no sourced default).',
      source,
      since,
    };
  }
  const first = start === null ? undefined : points[start];
  const last = points.at(-1);
  const met = first !== undefined && last !== undefined && (last.time - first.time) / dayMs >= minDays;
  return {
    met,
    definition: `Sustained recovery: every total ≤ ${remissionT.value} for at least ${minDays} days up to the latest.`,
    source,
    since,
  };
}

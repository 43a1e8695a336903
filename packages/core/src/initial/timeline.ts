/**
 * The timeline: the story of the patient's depression laid out as episodes and life events, to see when it began
 * and to guide the choice of focus. See shared/ipt/DOMAIN.md §2.4 ([S48][S42]; data model [Inference]).
 */
import { RuleViolation } from '../errors.js';
import {
  assertEventDate,
  compareTimelineDates,
  daysBetween,
  type EventDateContext,
  formatTimelineDate,
  isApproximate,
  midpointDay,
  parseTimelineDate,
  shiftMonthsDay,
  type TimelineDate,
  timelineDateRange,
} from './approx-date.js';

/** Whether an episode is the one being treated or an earlier one (the timeline covers both, DOMAIN §1.2 [S42][S48]). */
export const EpisodeKind = { current: 'current', past: 'past' } as const;
export type EpisodeKind = (typeof EpisodeKind)[keyof typeof EpisodeKind];

/** Episode types of the DOMAIN §2.4 [Inference] data model (IPSRT life-charts mood episodes of every pole, [S21]). */
export const EpisodeType = {
  depressive: 'depressive',
  manic: 'manic',
  hypomanic: 'hypomanic',
  mixed: 'mixed',
  anxiety: 'anxiety',
} as const;
export type EpisodeType = (typeof EpisodeType)[keyof typeof EpisodeType];

/** DOMAIN §2.4 [Inference] `Treatment{start, end, kind, response}`; kind and response are the clinician's words. */
export interface EpisodeTreatment {
  readonly kind: string;
  readonly start?: TimelineDate | null;
  readonly end?: TimelineDate | null;
  readonly response?: string;
}

/** How bad the episode got at its worst: words, and a score when one was taken. */
export interface PeakSeverity {
  readonly description: string;
  readonly instrumentId?: string;
  readonly score?: number;
}

export interface Episode {
  readonly id: string;
  readonly kind: EpisodeKind;
  readonly type: EpisodeType;
  /** The onset. For the current episode this is the date the hints measure proximity from (DOMAIN §3.2). */
  readonly start: TimelineDate;
  readonly end?: TimelineDate | null;
  readonly peakSeverity?: PeakSeverity | null;
  readonly treatments?: readonly EpisodeTreatment[];
}

/**
 * Life-event categories, exactly the DOMAIN §2.4 [Inference] list. A relationship starting or ending is a role
 * transition (DOMAIN §3.5 examples: break-up or divorce, marriage or cohabiting [S47]), so it is recorded as
 * `transition`; a death is `death` whoever died.
 */
export const LifeEventCategory = {
  death: 'death',
  dispute: 'dispute',
  transition: 'transition',
  isolation: 'isolation',
  health: 'health',
  work: 'work',
  move: 'move',
  birth: 'birth',
  other: 'other',
} as const;
export type LifeEventCategory = (typeof LifeEventCategory)[keyof typeof LifeEventCategory];
export const lifeEventCategories = Object.values(LifeEventCategory);

/** Perceived impact on the DOMAIN §2.4 [Inference] scale −3 (very negative) … +3 (very positive). */
export const PerceivedImpact = { min: -3, max: 3 } as const;

export interface LifeEvent {
  readonly id: string;
  /** When it happened; for a planned event, when it is expected. */
  readonly date: TimelineDate;
  /**
   * An expected transition not yet happened ("back to work next month"): dated in the future and drawn as planned.
   * Pregnancy and postpartum dates belong on the timeline (DOMAIN §7.2 [Inference]), and a transition is often seen
   * coming (DOMAIN §3.5); what has not happened is not near the onset, and it fires no hint (DOMAIN §2.4, §3.2).
   */
  readonly planned?: boolean;
  readonly category: LifeEventCategory;
  /** The inventory entry of the person the event concerns, if any. */
  readonly personId?: string | null;
  readonly description: string;
  readonly perceivedImpact?: number | null;
}

/** Events near an episode's onset are highlighted: onset proximity is the selection cue (DOMAIN §2.4, [S2][S4]). */
export const ProximalWindow = { defaultMonths: 3, maxMonths: 24 } as const;

export interface EventProximity {
  readonly event: LifeEvent;
  readonly proximal: boolean;
  /** Days from onset to the event, by midpoint: negative before onset, positive after. */
  readonly daysFromOnset: number;
  /** Either date is approximate, so "proximal" is judged on midpoints and the UI should say "about". */
  readonly approximate: boolean;
}

/**
 * Marks each event as proximal when its midpoint falls within ±`windowMonths` calendar months of the onset's
 * midpoint (default ±3, DOMAIN §2.4 [Inference]; window configurable). Events come back in timeline order.
 */
export function proximalEvents(
  events: readonly LifeEvent[],
  episodeOnset: TimelineDate,
  windowMonths: number = ProximalWindow.defaultMonths,
): EventProximity[] {
  if (!Number.isInteger(windowMonths) || windowMonths < 0 || windowMonths > ProximalWindow.maxMonths) {
    throw new RuleViolation(
      `The window around onset is a whole number of months from 0 to ${ProximalWindow.maxMonths}.`,
      'windowMonths',
    );
  }
  return sortByDate(events).map((event) => {
    return {
      event,
      // Onset proximity is about what happened around the onset; a planned event has not happened yet.
      proximal: event.planned !== true && isNearOnset(event.date, episodeOnset, windowMonths),
      daysFromOnset: daysBetween(episodeOnset, event.date),
      approximate: isApproximate(event.date) || isApproximate(episodeOnset),
    };
  });
}

/** Whether a date's midpoint lies within ±`windowMonths` calendar months of the onset's midpoint (DOMAIN §2.4). */
export function isNearOnset(date: TimelineDate, onset: TimelineDate, windowMonths: number): boolean {
  const mid = midpointDay(date);
  const centre = midpointDay(onset);
  return mid >= shiftMonthsDay(centre, -windowMonths) && mid <= shiftMonthsDay(centre, windowMonths);
}

/** Events in timeline order (by midpoint; stable for ties). */
export function sortByDate<T extends { readonly date: TimelineDate }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareTimelineDates(a.date, b.date));
}

/** The onset of the current episode, or null when none is recorded (gate item 4, DOMAIN §1.2). */
export function currentEpisodeOnset(episodes: readonly Episode[]): TimelineDate | null {
  return episodes.find((e) => e.kind === EpisodeKind.current)?.start ?? null;
}

/**
 * A life event's date: an event that has happened is dated today or before (and not before the patient's birth); a
 * planned one is expected, so its date must reach past today. A future date must be planned; a date wholly passed
 * cannot be. An approximate date that spans today ("December 2026" on 6 December 2026) may be either.
 */
export function assertLifeEventDate(date: unknown, planned: boolean, context: EventDateContext): void {
  if (!planned) {
    const parsed = parseTimelineDate(date);
    if (parsed !== null && timelineDateRange(parsed).first > context.today) {
      throw new RuleViolation(
        `${formatTimelineDate(parsed)} is in the future (today is ${context.today}). An event still to come is recorded as planned: tick “planned”, or change the date.`,
        'date',
      );
    }
    assertEventDate(date, { ...context, field: 'date' });
    return;
  }
  const parsed = parseTimelineDate(date);
  if (parsed === null) {
    throw new RuleViolation('A date is a calendar date (YYYY-MM-DD) or a year, with a month (1–12) if known.', 'date');
  }
  if (timelineDateRange(parsed).last <= context.today) {
    throw new RuleViolation(
      `${formatTimelineDate(parsed)} is not after today (${context.today}), so the event is no longer planned. If it happened, untick “planned”; if it is still to come, change the date.`,
      'planned',
    );
  }
}

export function assertLifeEvent(event: LifeEvent, context: EventDateContext): void {
  assertLifeEventDate(event.date, event.planned === true, context);
  if (!lifeEventCategories.includes(event.category)) {
    throw new RuleViolation(`Unknown life-event category "${String(event.category)}".`, 'category');
  }
  if (event.description.trim() === '') {
    throw new RuleViolation('Describe the event in a few words.', 'description');
  }
  const impact = event.perceivedImpact;
  if (impact !== undefined && impact !== null) {
    if (!Number.isInteger(impact) || impact < PerceivedImpact.min || impact > PerceivedImpact.max) {
      throw new RuleViolation(
        `Perceived impact is a whole number from ${PerceivedImpact.min} to +${PerceivedImpact.max}.`,
        'perceivedImpact',
      );
    }
  }
}

/** An episode's dates are real, in the past, after birth, and it does not end before it starts. */
export function assertEpisode(episode: Episode, context: EventDateContext): void {
  assertEventDate(episode.start, { ...context, field: 'start' });
  if (episode.end !== undefined && episode.end !== null) {
    assertEventDate(episode.end, { ...context, field: 'end' });
    if (compareTimelineDates(episode.end, episode.start) < 0) {
      throw new RuleViolation('An episode cannot end before it starts.', 'end');
    }
  }
  for (const [i, t] of (episode.treatments ?? []).entries()) {
    if (t.kind.trim() === '') throw new RuleViolation('Name the treatment.', `treatments.${i}.kind`);
    if (t.start) assertEventDate(t.start, { ...context, field: `treatments.${i}.start` });
    if (t.end) assertEventDate(t.end, { ...context, field: `treatments.${i}.end` });
  }
}

/** One current episode per timeline: the one this course treats (DOMAIN §1.2 gate item 4). */
export function assertEpisodes(episodes: readonly Episode[]): void {
  if (episodes.filter((e) => e.kind === EpisodeKind.current).length > 1) {
    throw new RuleViolation('A timeline has one current episode; mark the others as past.', 'kind');
  }
}

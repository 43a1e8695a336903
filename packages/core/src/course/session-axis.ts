/**
 * Where something sits on an axis of sessions: the measures chart's x axis, and the order of its scores.
 *
 * The rule:
 * - A score linked to a session sits at that session's number.
 * - Anything else (a questionnaire answered on a link or in kiosk mode, an event, a score not linked to a session)
 *   sits by its date between the sessions around it: the last dated on or before it, and the first dated after it. It
 *   moves from the earlier towards the later in proportion to the days between them, but stays within the middle half
 *   of the gap (a quarter of the way at least, three quarters at most), so it is never read as given in either one.
 *   A date on a session's day counts as after that session.
 * - Before the first session, and after the last, the missing neighbour is taken as a week away (IPT sessions are
 *   weekly): a link answered three days after session 5 sits at 5.43, one answered a month later at 5.75.
 * - With no session at all, everything sits at 0.5: before session 1.
 */

export interface AxisSession {
  readonly number: number;
  /** Calendar date, "YYYY-MM-DD". */
  readonly date: string;
}

export interface AxisItem {
  /** The number of the session it is linked to; null when it is not linked to one. */
  readonly sessionNumber: number | null;
  /** Calendar date, "YYYY-MM-DD". */
  readonly date: string;
}

/** Where a score or an event sits between two sessions: the sessions around it, or null at either end. */
export interface AxisPlace {
  readonly x: number;
  /** The session it follows, or was given in; null before the first session. */
  readonly previous: number | null;
  /** The session it precedes; null after the last one, or when it was given in a session. */
  readonly next: number | null;
  /** Whether it was given in a session (x is that session's number). */
  readonly inSession: boolean;
}

const dayMs = 24 * 60 * 60 * 1000;
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs;
const weekDays = 7;
const nearest = 0.25;
const farthest = 0.75;
const within = (share: number) => Math.min(farthest, Math.max(nearest, share));

/** The place of one score or event on the session axis (see the rule above). */
export function sessionAxisPlace(sessions: readonly AxisSession[], item: AxisItem): AxisPlace {
  if (item.sessionNumber !== null) {
    return { x: item.sessionNumber, previous: item.sessionNumber, next: null, inSession: true };
  }
  const ordered = [...sessions].sort((a, b) => a.number - b.number);
  const first = ordered[0];
  if (!first) return { x: 0.5, previous: null, next: null, inSession: false };
  const next = ordered.find((s) => s.date > item.date);
  const previous = next ? ordered.filter((s) => s.number < next.number).at(-1) : ordered.at(-1);
  if (!previous && next) {
    const x = next.number - within(days(item.date, next.date) / weekDays);
    return { x, previous: null, next: next.number, inSession: false };
  }
  if (previous && !next) {
    const x = previous.number + within(days(previous.date, item.date) / weekDays);
    return { x, previous: previous.number, next: null, inSession: false };
  }
  if (previous && next) {
    const gap = Math.max(1, days(previous.date, next.date));
    const span = next.number - previous.number;
    const x = previous.number + span * within(days(previous.date, item.date) / gap);
    return { x, previous: previous.number, next: next.number, inSession: false };
  }
  return { x: 0.5, previous: null, next: null, inSession: false };
}

/** Its x alone. */
export const sessionAxisPosition = (sessions: readonly AxisSession[], item: AxisItem): number =>
  sessionAxisPlace(sessions, item).x;

/** Items in the order the axis shows them: by position, then by date. */
export function inSessionOrder<T extends AxisItem>(sessions: readonly AxisSession[], items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, x: sessionAxisPosition(sessions, item) }))
    .sort((a, b) => a.x - b.x || a.item.date.localeCompare(b.item.date))
    .map((p) => p.item);
}

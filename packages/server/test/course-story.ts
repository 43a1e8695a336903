/**
 * The course the middle-phase and ending tests share: Joy (test), a role dispute with her ex-partner Laura over
 * short-notice childcare, held week by week with the PHQ-9 at the sessions a test names. Fictional.
 */
import type { SignedIn } from './harness.js';

type Api = SignedIn['api'];

/** Joy's choice of focus: the dispute with Laura, at renegotiation (DOMAIN §3.4). */
export function chooseJoysDispute(api: Api, courseId: string, lauraId: string) {
  return api.putProblemArea({
    params: { courseId },
    body: {
      preset: 'weissman4',
      primary: { area: 'dispute', disputeStage: 'renegotiation', personId: lauraId },
      rationale: 'Different expectations with her ex-partner about childcare.',
    },
    ifMatch: 0,
  });
}

/**
 * Holds `count` attended sessions (session n on `dateOf(n)`, n from 0), gives the PHQ-9 where `answersAt(n)` has
 * answers, and moves the course to the middle phase after the third session, its gate overridden in writing.
 * Resolves to the sessions' ids in order. `apiNow` is asked for each call: a test that moves its clock past the
 * session timeout signs in again as it goes.
 */
export async function holdWeeklySessions(
  apiNow: () => Api,
  courseId: string,
  o: {
    readonly count: number;
    readonly phqVersion: string;
    readonly dateOf: (n: number) => string | Promise<string>;
    readonly answersAt: (n: number) => readonly number[] | null;
  },
): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < o.count; n++) {
    const date = await o.dateOf(n);
    const s = await apiNow().createSession({ params: { courseId }, body: { date, attendance: 'attended' } });
    ids.push(s.id);
    const answers = o.answersAt(n);
    if (answers) {
      await apiNow().createAdministration({
        params: { courseId },
        body: { instrumentId: 'phq-9', instrumentVersion: o.phqVersion, answers: [...answers], sessionId: s.id },
      });
    }
    if (n === 2) {
      await apiNow().createPhaseTransition({
        params: { courseId },
        body: { to: 'middle', reason: 'Test course: gate overridden.', overrideGate: true },
        ifMatch: 1,
      });
    }
  }
  return ids;
}

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
 * The safety review a clinician records in session after a risk answer (DOMAIN §10.2): asked directly, judged low,
 * the assessment and Joy's safety plan in her words, reviewed again in a week.
 */
export async function reviewFlagsAsLowRisk(api: Api, patientId: string, today: string) {
  const open = (await api.getPatient({ params: { patientId } })).openRiskFlags;
  if (open.length === 0) return;
  const inAWeek = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  await api.createSafetyReview({
    params: { patientId },
    body: {
      flagIds: open.map((f) => f.id),
      riskLevel: 'low',
      asked: 'Asked directly about thoughts of suicide: fleeting, passive, no plan or intent.',
      assessment: {
        ideation: 'Passive thoughts on bad evenings',
        plan: 'None',
        intent: 'None',
        protectiveFactors: 'Her son Ben; her sister',
      },
      safetyPlan: {
        warningSigns: 'Not answering messages, staying in bed',
        internalCoping: 'A run; calling her sister',
        socialContactsAndSettings: 'The allotment on Saturdays',
        peopleToAskForHelp: 'Her sister',
        professionalsAndAgencies: 'Practice duty line; crisis line',
        makingTheEnvironmentSafe: 'No medicines stockpiled; checked',
      },
      reviewBy: inAWeek,
    },
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
      const given = await apiNow().createAdministration({
        params: { courseId },
        body: { instrumentId: 'phq-9', instrumentVersion: o.phqVersion, answers: [...answers], sessionId: s.id },
      });
      if (given.flags.length > 0) {
        const { course } = await apiNow().getCourse({ params: { courseId } });
        await reviewFlagsAsLowRisk(apiNow(), course.patientId, date);
      }
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

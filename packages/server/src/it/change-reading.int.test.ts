/**
 * Change read once, and read the same everywhere (issue 10 part 3): a perinatal course whose EPDS falls from 15 to 9
 * is "improved: below the cut-off" on the chart's interpretation, in the ending's progress review, in the termination
 * checklist (no "the treatment failed" task required) and in both PDFs; the treatment summary carries the diagnosis
 * and the risk history. Driven over HTTP against the real server, on each database.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dbTargets,
  movableClock,
  type SignedIn,
  startTestServer,
  tempDir,
  type TestServer,
} from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

// vitest types its asymmetric matchers as `any`; held as `unknown`, they are checked like any other value.
const anyString: unknown = expect.any(String);

const targets = await dbTargets();

function pdfText(bytes: Uint8Array): string {
  const dir = tempDir('ipt-pdf-');
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * EPDS answers as option positions. Items 1, 2 and 4 score their position; items 3 and 5–10 are reverse-scored
 * (DOMAIN §9.4), so position = 3 − weight there.
 */
function epdsAnswers(weights: readonly number[]): number[] {
  const reversed = [3, 5, 6, 7, 8, 9, 10];
  return weights.map((w, i) => (reversed.includes(i + 1) ? 3 - w : w));
}
/** 15, with item 10 (thoughts of self-harm) scored 1: a risk flag (DOMAIN §9.4, ERRATA row 35). */
const fifteen = epdsAnswers([2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
/** 9, item 10 scored 0. */
const nine = epdsAnswers([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);

describe.each(targets)('change read once on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  const clock = movableClock(new Date('2026-01-05T09:00:00Z'));
  let epdsVersion: string;
  let phqVersion: string;

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
    const instruments = await clinician.api.listInstruments({});
    epdsVersion = instruments.find((i) => i.id === 'epds')?.version ?? '';
    phqVersion = instruments.find((i) => i.id === 'phq-9')?.version ?? '';
  });
  afterAll(() => server?.drop());

  const advance = async (ms: number) => {
    clock.advance(ms);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  };
  const today = () => clock.now().toISOString().slice(0, 10);

  it('reads EPDS 15 → 9 as improved, below the cut-off, on the chart, the ending, the checklist and both PDFs', async () => {
    const patient = await clinician.api.createPatient({ body: { displayName: 'Maya (test)', yearOfBirth: 1994 } });
    const { course } = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: {
        schoolPreset: 'weissman-markowitz',
        schedule: { weekday: 1, time: '10:00' },
        startDate: today(),
        perinatal: true,
      },
    });
    const courseId = course.id;
    await clinician.api.putInitialFacts({
      params: { courseId },
      body: { diagnosis: 'Major depressive episode with peripartum onset', sickRoleExplained: true },
      ifMatch: 0,
    });

    // Session 1: EPDS 15 with item 10 above 0, a flag; the clinician reviews it the same day, to look again in a week.
    const first = await clinician.api.createSession({
      params: { courseId },
      body: { date: today(), attendance: 'attended' },
    });
    const baseline = await clinician.api.createAdministration({
      params: { courseId },
      body: { instrumentId: 'epds', instrumentVersion: epdsVersion, answers: fifteen, sessionId: first.id },
    });
    expect(baseline).toMatchObject({ total: 15, scorable: true });
    const risk = await clinician.api.getRisk({ params: { patientId: patient.id } });
    expect(risk.open).toHaveLength(1);
    await clinician.api.createSafetyReview({
      params: { patientId: patient.id },
      body: {
        flagIds: risk.open.map((f) => f.id),
        riskLevel: 'low',
        asked: 'Asked directly about thoughts of harming herself or the baby: fleeting, no plan, no intent.',
        assessment: {
          ideation: 'Fleeting thoughts on bad nights',
          plan: 'None',
          intent: 'None',
          protectiveFactors: 'Her partner; her mother nearby',
        },
        safetyPlan: {
          warningSigns: 'Not sleeping when the baby sleeps',
          internalCoping: 'A walk with the pram',
          socialContactsAndSettings: 'The baby group on Thursdays',
          peopleToAskForHelp: 'Her mother',
          professionalsAndAgencies: 'Health visitor; crisis line',
          makingTheEnvironmentSafe: 'No medicines stockpiled',
        },
        reviewBy: '2026-01-12',
      },
    });

    // Ten weeks on: EPDS 9. No later safety review, so the one due on 12 January is overdue.
    await advance(70 * 86_400_000);
    const later = await clinician.api.createSession({
      params: { courseId },
      body: { date: today(), attendance: 'attended' },
    });
    await clinician.api.createAdministration({
      params: { courseId },
      body: { instrumentId: 'epds', instrumentVersion: epdsVersion, answers: nine, sessionId: later.id },
    });

    // The chart's interpretation.
    const measures = await clinician.api.getMeasures({ params: { courseId } });
    const epds = measures.series.find((s) => s.instrumentId === 'epds');
    expect(epds?.interpretation).toMatchObject({
      baseline: 15,
      latest: 9,
      response: false,
      reliableImprovement: null,
      remission: null,
      belowCutOff: true,
      iaptRecovery: null,
      sustainedRecovery: null,
      outcome: 'improved',
      improved: true,
      verdict: 'Improved: below the cut-off',
    });
    expect(epds?.interpretation.sentence).toContain('EPDS 15 → 9: 6 points better, a 40% fall.');
    expect(epds?.interpretation.sentence).toContain('No standard remission threshold is sourced for the EPDS.');

    // The ending: the same reading, and no "the treatment failed" task.
    const view = await clinician.api.getEnding({ params: { courseId } });
    expect(view.progressReview).toMatchObject({ primaryInstrumentId: 'epds', improved: true });
    expect(view.progressReview.measures[0]).toMatchObject({
      instrumentId: 'epds',
      change: -6,
      outcome: 'improved',
      verdict: 'Improved: below the cut-off',
      sentence: epds?.interpretation.sentence,
    });
    expect(view.terminationItems.find((i) => i.id === 'not-improved-reviewed')).toMatchObject({ required: false });
    expect(view.missing.map((m) => m.field)).not.toContain('items.not-improved-reviewed');

    // The diagnosis and the risk history.
    expect(view.diagnosis).toBe('Major depressive episode with peripartum onset');
    expect(view.riskHistory.flags).toEqual([
      expect.objectContaining({ instrumentName: 'EPDS', item: 10, status: 'reviewed', answer: anyString }),
    ]);
    expect(view.riskHistory.reviews).toEqual([
      expect.objectContaining({ riskLevel: 'low', reviewBy: '2026-01-12', flagsAnswered: 1, overdue: true }),
    ]);
    expect(view.riskHistory.overdue).toEqual([
      { reviewId: view.riskHistory.reviews[0]?.id, reviewBy: '2026-01-12', daysOverdue: 63 },
    ]);

    // Both PDFs say the same.
    const summary = await clinician.raw('GET', `/api/courses/${courseId}/documents/treatment-summary.pdf`);
    expect(summary.status).toBe(200);
    const summaryText = pdfText(new Uint8Array(await summary.arrayBuffer()));
    for (const words of [
      'Diagnosis',
      'Major depressive episode with peripartum onset',
      'EPDS 15 → 9: 6 points better, a 40% fall.',
      'Main measure (EPDS). Improved: below the cut-off.',
      'Risk history',
      'EPDS, item 10',
      'Overdue: the review due by 12 January 2026 (63 days overdue).',
    ]) {
      expect(summaryText).toContain(words);
    }
    for (const wrong of ['Not improved on', 'a change of .', 'undefined', 'NaN']) {
      expect(summaryText).not.toContain(wrong);
    }
    const plan = await clinician.raw('GET', `/api/courses/${courseId}/documents/patient-plan.pdf`);
    expect(plan.status).toBe(200);
    const planText = pdfText(new Uint8Array(await plan.arrayBuffer()));
    expect(planText).toContain('How things changed');
    expect(planText).toContain('Your score on the EPDS went from 15 when you started to 9 at your last check.');
    expect(planText).toContain("It is now below 10, the measure's cut-off score.");
  });

  it('says a single score is only a baseline, with no sentence missing its number', async () => {
    const patient = await clinician.api.createPatient({ body: { displayName: 'One score (test)', yearOfBirth: 1980 } });
    const { course } = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: { schoolPreset: 'weissman-markowitz', schedule: { weekday: 1, time: '10:00' }, startDate: today() },
    });
    const s = await clinician.api.createSession({
      params: { courseId: course.id },
      body: { date: today(), attendance: 'attended' },
    });
    await clinician.api.createAdministration({
      params: { courseId: course.id },
      body: {
        instrumentId: 'phq-9',
        instrumentVersion: phqVersion,
        answers: [2, 2, 2, 2, 2, 2, 2, 2, 0, 0],
        sessionId: s.id,
      },
    });
    const view = await clinician.api.getEnding({ params: { courseId: course.id } });
    expect(view.progressReview.improved).toBeNull();
    expect(view.progressReview.measures[0]).toMatchObject({
      change: null,
      outcome: 'too-few',
      sentence: 'PHQ-9 16 at baseline; change needs a later score.',
    });
    const summary = await clinician.raw('GET', `/api/courses/${course.id}/documents/treatment-summary.pdf`);
    const text = pdfText(new Uint8Array(await summary.arrayBuffer()));
    expect(text).toContain('Change cannot be judged yet: it needs a baseline and a later score.');
    expect(text).toContain('No risk flag was raised in this course.');
    expect(text).not.toMatch(/ of \.|undefined|NaN/);
  });
});

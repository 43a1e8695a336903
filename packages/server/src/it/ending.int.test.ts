import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { InstrumentDefinition } from '@ipt/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dbTargets,
  movableClock,
  problemOf,
  type SignedIn,
  startTestServer,
  tempDir,
  type TestServer,
} from '../../test/harness.js';
import { chooseJoysDispute, holdWeeklySessions } from '../../test/course-story.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

// vitest types its asymmetric matchers as `any`; held as `unknown`, they are checked like any other value.
const anyString: unknown = expect.any(String);

const targets = await dbTargets();

/**
 * The PDF's text, by poppler's pdftotext (`npm test` installs poppler-utils through scripts/ensure-deps.mjs), with
 * runs of white space made single; a missing pdftotext fails the test rather than skipping the check.
 */
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

describe.each(targets)('the end of treatment on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  const clock = movableClock(new Date('2026-01-05T09:00:00Z'));
  const week = 7 * 86_400_000;
  let phq: InstrumentDefinition;

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
    phq = (await clinician.api.listInstruments({})).find((i) => i.id === 'phq-9') as InstrumentDefinition;
  });
  afterAll(() => server?.drop());

  /** Moves time on; signing in again, as a week away ends the session. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  };

  const newCourse = async (name: string) => {
    const patient = await clinician.api.createPatient({ body: { displayName: name, yearOfBirth: 1989 } });
    const { course } = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: { schoolPreset: 'weissman-markowitz', schedule: { weekday: 1, time: '10:00' }, startDate: '2026-01-05' },
    });
    return { patientId: patient.id, courseId: course.id };
  };

  const relapsePlan = (personId: string | null) => ({
    warningSigns: [
      { kind: 'symptom' as const, text: 'Waking at 4 am two nights running' },
      { kind: 'interpersonal' as const, text: 'Saying yes to every last-minute request' },
    ],
    triggersAnticipated: ["Maxine's birthday weekend", 'Starting a new job'],
    copingActions: ['Ask for a week of notice', 'Walk with Ben after dinner'],
    peopleToContact: [{ personId, name: 'Ben', how: 'Tell him when the warning signs start' }],
    professionalContacts: [{ name: 'Dr Patel', role: 'GP', contact: 'The surgery' }],
    whenToReturn: {
      text: 'If the signs last two weeks despite the plan.',
      threshold: { instrumentId: 'phq-9', atLeast: 10, forWeeks: 2 },
    },
    shareWith: 'Ben',
  });

  it('refuses to complete the checklist of a course that never left the initial phase without an early-end reason', async () => {
    const { courseId } = await newCourse('Early end (test)');
    await clinician.api.createSession({
      params: { courseId },
      body: { date: '2026-01-05', attendance: 'attended' },
    });
    const items = Object.fromEntries(
      ['end-named', 'feelings-about-ending', 'relapse-prevention', 'continuation-decided', 'end-measures'].map((id) => [
        id,
        { done: true, note: '' },
      ]),
    );
    await clinician.api.putRelapsePlan({ params: { courseId }, body: relapsePlan(null), ifMatch: 0 });
    const refused = await problemOf(
      clinician.api.putTermination({
        params: { courseId },
        body: {
          items,
          continuation: { decision: 'referral', contract: null, note: 'Referred to the CMHT.' },
          complete: true,
        },
        ifMatch: 0,
      }),
    );
    expect(refused).toMatchObject({ status: 422, errors: [{ field: 'earlyEndReason' }] });
    // Nothing was saved by the refused request.
    expect((await clinician.api.getEnding({ params: { courseId } })).termination).toBeNull();

    const done = await clinician.api.putTermination({
      params: { courseId },
      body: {
        items,
        continuation: { decision: 'referral', contract: null, note: 'Referred to the CMHT.' },
        earlyEndReason: 'Moved away after the first session.',
        complete: true,
      },
      ifMatch: 0,
    });
    expect(done.data).toMatchObject({ completed: true, completedAt: clock.now().toISOString() });
    const view = await clinician.api.getEnding({ params: { courseId } });
    expect(view).toMatchObject({ leftInitialPhase: false, missing: [], termination: { id: done.id } });
  });

  it("assembles Joy's progress review from the records, completes the ending and renders both documents", async () => {
    const { courseId, patientId } = await newCourse('Joy (test)');
    const ben = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Ben', relationship: 'partner', closenessRing: 2 },
    });
    const laura = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Laura', relationship: 'other', relationshipDetail: 'ex-partner', closenessRing: 2 },
    });
    await clinician.api.createCircleSnapshot({
      params: { courseId },
      body: {
        phase: 'intake',
        rings: 3,
        placements: [
          { personId: ben.id, ring: 2, angle: 0 },
          { personId: laura.id, ring: 2, angle: 180 },
        ],
      },
    });
    await chooseJoysDispute(clinician.api, courseId, laura.id);
    await clinician.api.putTreatmentContract({
      params: { courseId },
      body: {
        sessionMinutes: 50,
        areaGoals: ['dispute.renegotiate'],
        personalGoals: ['Say no to last-minute requests without guilt'],
        missedSessions: 'Call the day before.',
        safety: 'Crisis numbers given.',
      },
      ifMatch: 0,
    });
    // Twelve weekly sessions, each on its day; the PHQ-9 falls from 18 to 5 (item 9 "several days" at intake: a flag).
    const sessions = await holdWeeklySessions(() => clinician.api, courseId, {
      count: 12,
      phqVersion: phq.version,
      dateOf: async (n) => {
        if (n > 0) await advance(week);
        return clock.now().toISOString().slice(0, 10);
      },
      answersAt: (n) => (n === 0 ? [2, 2, 2, 2, 2, 2, 2, 3, 1, 1] : n === 11 ? [1, 1, 1, 1, 0, 1, 0, 0, 0, 0] : null),
    });
    await clinician.api.putSessionWork({
      params: { sessionId: sessions[4] as string },
      body: {
        techniques: ['communication-analysis', 'role-play'],
        strategies: ['dispute.expectations'],
        status: 'finished',
      },
      ifMatch: 0,
    });
    const analysis = await clinician.api.createCommunicationAnalysis({
      params: { courseId },
      body: {
        sessionId: sessions[4] as string,
        personId: laura.id,
        incident: 'The phone call about the weekend',
        patterns: ['avoided-anger'],
        alternatives: [{ id: 'a1', text: 'Please ask me a week ahead.' }],
      },
    });
    await clinician.api.createRolePlay({
      params: { courseId },
      body: {
        sessionId: sessions[4] as string,
        analysisId: analysis.id,
        alternativeId: 'a1',
        scenario: 'Asking Laura for notice',
        confidenceBefore: 3,
        confidenceAfter: 7,
      },
    });
    await advance(2 * 86_400_000);
    await clinician.api.createCircleSnapshot({
      params: { courseId },
      body: {
        phase: 'end-of-treatment',
        rings: 3,
        placements: [
          { personId: ben.id, ring: 1, angle: 0 },
          { personId: laura.id, ring: 2, angle: 180 },
        ],
      },
    });
    await clinician.api.createPhaseTransition({
      params: { courseId },
      body: { to: 'termination', reason: 'Four sessions left.' },
      ifMatch: 2,
    });
    // Someone new in Joy's life, added to the inventory in the middle of the work.
    await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Priya', relationship: 'friend', closenessRing: 3 },
    });

    // The checklist cannot be completed while tasks are missing: every one is named.
    const early = await problemOf(
      clinician.api.putTermination({ params: { courseId }, body: { complete: true }, ifMatch: 0 }),
    );
    expect(early.status).toBe(422);
    const fields = (early.errors ?? []).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['items.end-named', 'items.why-better', 'items.relapse-prevention', 'items.end-measures']),
    );
    expect(fields).not.toContain('earlyEndReason');

    // The relapse plan offers people from the inventory only.
    const stranger = await problemOf(
      clinician.api.putRelapsePlan({
        params: { courseId },
        body: relapsePlan(world.own.inventoryEntryId),
        ifMatch: 0,
      }),
    );
    expect(stranger).toMatchObject({ status: 422, errors: [{ field: 'peopleToContact.0.personId' }] });
    // Joy's intake flag was reviewed with a safety plan as it was raised (course-story.ts), so the relapse plan can
    // link it; a plan with no safety plan to link is refused (risk-rules.int.test.ts).
    const plan = await clinician.api.putRelapsePlan({
      params: { courseId },
      body: { ...relapsePlan(ben.id), linkSafetyPlan: true },
      ifMatch: 0,
    });
    expect(plan).toMatchObject({ kind: 'relapse-plan', version: 1, data: { linkSafetyPlan: true } });
    expect(
      await problemOf(clinician.api.putRelapsePlan({ params: { courseId }, body: { shareWith: 'x' }, ifMatch: 0 })),
    ).toMatchObject({ status: 409, currentVersion: 1 });

    const allItems = Object.fromEntries(
      [
        'end-named',
        'progress-reviewed',
        'why-better',
        'feelings-about-ending',
        'residual-work',
        'relapse-prevention',
        'continuation-decided',
        'end-measures',
      ].map((id) => [id, { done: true, note: '' }]),
    );
    let termination = await clinician.api.putTermination({
      params: { courseId },
      body: {
        items: allItems,
        goalAttainment: [
          { goal: 'Say no to last-minute requests without guilt', attainment: 'achieved', note: 'Most weeks.' },
          { goal: 'dispute.renegotiate', attainment: 'partly', note: 'A rota for weekends.' },
        ],
        residualGoals: ['Find new work'],
        continuation: {
          decision: 'maintenance',
          contract: {
            frequency: 'monthly',
            durationMonths: 6,
            focus: 'Keep the gains with Laura',
            monitoring: 'PHQ-9 each session',
          },
          note: '',
        },
      },
      ifMatch: 0,
    });
    let view = await clinician.api.getEnding({ params: { courseId } });
    expect(view.missing).toEqual([{ field: 'whyBetterPatientWords', message: anyString }]);
    expect(
      await problemOf(
        clinician.api.putTermination({ params: { courseId }, body: { complete: true }, ifMatch: termination.version }),
      ),
    ).toMatchObject({ status: 422, errors: [{ field: 'whyBetterPatientWords' }] });
    termination = await clinician.api.putTermination({
      params: { courseId },
      body: { whyBetterPatientWords: 'I started saying what I need.', complete: true },
      ifMatch: termination.version,
    });
    expect(termination.data).toMatchObject({ completed: true });

    // The progress review is assembled from the records, not typed.
    view = await clinician.api.getEnding({ params: { courseId } });
    const review = view.progressReview;
    expect(view).toMatchObject({ leftInitialPhase: true, phase: 'termination', safetyPlanAvailable: true });
    expect(review.course).toMatchObject({
      plannedSessions: 16,
      attended: 12,
      lastSessionNumber: 12,
      primaryArea: 'dispute',
    });
    expect(review.measures).toHaveLength(1);
    expect(review.measures[0]).toMatchObject({
      instrumentId: 'phq-9',
      baseline: { total: 18 },
      latest: { total: 5 },
      change: -13,
      response: { met: true },
      reliableImprovement: { met: true },
    });
    expect(review.improved).toBe(true);
    expect(review.goals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'personal', attainment: 'achieved' }),
        expect.objectContaining({ goal: 'dispute.renegotiate', kind: 'area', attainment: 'partly' }),
      ]),
    );
    expect(review.relationships.inventory).toEqual({
      atIntake: 2,
      now: 3,
      addedSince: [expect.objectContaining({ name: 'Priya' })],
    });
    expect(review.relationships.people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Ben', intakeRing: 2, latestRing: 1, change: 'moved-in' }),
        expect.objectContaining({ name: 'Laura', change: 'unchanged' }),
      ]),
    );
    expect(review.work).toMatchObject({
      sessionsWorked: 1,
      incidents: [expect.objectContaining({ personName: 'Laura', rolePlayed: true })],
      rolePlays: [expect.objectContaining({ confidenceBefore: 3, confidenceAfter: 7 })],
    });
    expect(review.work.techniques.map((t) => t.technique)).toEqual(['communication-analysis', 'role-play']);

    // Both documents: PDFs with the sections the issue names.
    const summary = await clinician.raw('GET', `/api/courses/${courseId}/documents/treatment-summary.pdf`);
    expect(summary.status).toBe(200);
    expect(summary.headers.get('content-type')).toBe('application/pdf');
    const summaryBytes = new Uint8Array(await summary.arrayBuffer());
    expect(Buffer.from(summaryBytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const planRes = await clinician.raw('GET', `/api/courses/${courseId}/documents/patient-plan.pdf`);
    expect(planRes.status).toBe(200);
    const planBytes = new Uint8Array(await planRes.arrayBuffer());
    expect(Buffer.from(planBytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    const summaryText = pdfText(summaryBytes);
    for (const heading of [
      'End-of-treatment summary',
      'Measures',
      'Goals',
      'Relationships',
      'Work done',
      'Ending',
      'Relapse-prevention plan',
    ]) {
      expect(summaryText).toContain(heading);
    }
    expect(summaryText).toContain('Joy (test)');
    expect(summaryText).toContain('Say no to last-minute requests without guilt');
    expect(summaryText).toMatch(/Page 1 of \d/);
    const planText = pdfText(planBytes);
    for (const heading of [
      'My plan for staying well',
      'Signs to watch for',
      'Things that may set me back',
      'What helps',
      'People I can contact',
      'Professional help',
      'When to come back',
    ]) {
      expect(planText).toContain(heading);
    }
    expect(planText).toContain('safety plan');
    expect(planText).toContain('Waking at 4 am two nights running');
    expect(planText).not.toContain(patientId);

    // Once completed, the checklist no longer changes.
    expect(
      await problemOf(
        clinician.api.putTermination({
          params: { courseId },
          body: { residualGoals: ['Something else'] },
          ifMatch: termination.version,
        }),
      ),
    ).toMatchObject({ status: 422, errors: [{ field: 'completed' }] });
  });

  it('renders both documents for a course with nothing recorded yet', async () => {
    const { courseId } = await newCourse('Empty (test)');
    for (const doc of ['treatment-summary.pdf', 'patient-plan.pdf']) {
      const res = await clinician.raw('GET', `/api/courses/${courseId}/documents/${doc}`);
      expect(res.status).toBe(200);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
    }
    const view = await clinician.api.getEnding({ params: { courseId } });
    expect(view.progressReview.measures).toEqual([]);
    expect(view.missing.map((m) => m.field)).toContain('earlyEndReason');
  });
});

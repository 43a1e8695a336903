/**
 * The charted course's IPT work, so the middle-phase and ending reads and the two PDFs are measured on a full course:
 * three people in the inventory, the problem-area choice, the contract, circles at intake and at the end, the work
 * of every middle and ending session (finished), four communication analyses of six turns with three alternatives,
 * two role plays carried from them, two decision analyses with their outcome, a rupture, the termination checklist
 * and the relapse-prevention plan. Fictional. Written through the API, like the rest of the seed.
 */
import { call } from '../api/fixtures.js';

const PEOPLE = [
  { personName: 'Sam', relationship: 'partner', closenessRing: 1 },
  { personName: 'Lee', relationship: 'sibling', closenessRing: 2 },
  { personName: 'Kim', relationship: 'colleague', closenessRing: 3 },
];

const put = (baseUrl, cookie, path, body, version = 0) =>
  call(baseUrl, 'PUT', path, { cookie, body, headers: { 'if-match': `"${version}"` } }).then((r) => r.json);
const post = (baseUrl, cookie, path, body) => call(baseUrl, 'POST', path, { cookie, body }).then((r) => r.json);
const patch = (baseUrl, cookie, path, body, version) =>
  call(baseUrl, 'PATCH', path, { cookie, body, headers: { 'if-match': `"${version}"` } }).then((r) => r.json);

const turn = (i) => ({
  id: `t${i}`,
  speaker: i % 2 === 0 ? 'patient' : 'other',
  words: i % 2 === 0 ? 'I suppose the shifts are fine, whatever suits you.' : 'Great, then nothing needs to change.',
  toneNonverbal: i % 2 === 0 ? 'quiet, looking away' : 'brisk',
  patientFeeling: 'let down',
  patientMeant: 'I wanted to ask for the early shift back.',
  otherFeltGuess: 'relieved',
  prompts: [{ promptId: 'other-feeling', answer: 'Maybe busy rather than uncaring.' }],
  lapses: i === 1 ? ['certainty-about-others'] : [],
});

/** Seeds the work; returns what was written, for the report. */
export async function seedCourseWork(baseUrl, cookie, courseId) {
  const { json: sessions } = await call(baseUrl, 'GET', `/api/courses/${courseId}/sessions`, { cookie });
  const byNumber = new Map(sessions.map((s) => [s.number, s.id]));
  const people = [];
  for (const p of PEOPLE) people.push(await post(baseUrl, cookie, `/api/courses/${courseId}/inventory`, p));
  const placements = (shift) =>
    people.map((p, i) => ({ personId: p.id, ring: Math.max(1, PEOPLE[i].closenessRing - shift), angle: 40 + 100 * i }));
  await post(baseUrl, cookie, `/api/courses/${courseId}/circle-snapshots`, {
    phase: 'intake',
    rings: 3,
    placements: placements(0),
  });
  await put(baseUrl, cookie, `/api/courses/${courseId}/problem-area`, {
    preset: 'weissman4',
    primary: { area: 'transition' },
    rationale: 'Symptoms began with the move to the new job.',
  });
  await put(baseUrl, cookie, `/api/courses/${courseId}/treatment-contract`, {
    sessionMinutes: 50,
    areaGoals: ['transition.mourn-old', 'transition.mastery'],
    personalGoals: ['Ask for the shift I need'],
    missedSessions: 'We rebook within the week.',
    safety: 'Crisis line and GP out of hours.',
  });

  let works = 0;
  for (let number = 5; number <= sessions.length; number++) {
    const sessionId = byNumber.get(number);
    const saved = await put(baseUrl, cookie, `/api/sessions/${sessionId}/work`, {
      checkIn: {
        mood: Math.min(10, Math.floor(number / 2)),
        administrationId: null,
        sinceLastMet: 'A busy week at work.',
      },
      moodEventLink: 'Mood dipped after the shift change was announced and lifted after talking to Lee.',
      strategies: ['transition.old-role', 'transition.skills'],
      techniques: ['exploration', 'communication-analysis', 'role-play'],
      patientWillTry: 'Ask Kim for ten minutes to talk about shifts.',
      safetyCheck: { done: true, concern: false, note: '' },
    });
    await put(baseUrl, cookie, `/api/sessions/${sessionId}/work`, { status: 'finished' }, saved.version);
    works++;
  }

  const analyses = [];
  for (let i = 0; i < 4; i++) {
    analyses.push(
      await post(baseUrl, cookie, `/api/courses/${courseId}/communication-analyses`, {
        sessionId: byNumber.get(6 + i),
        personId: people[2].id,
        incident: `The conversation about the rota, week ${6 + i}`,
        turns: Array.from({ length: 6 }, (_, t) => turn(t)),
        patterns: ['indirect', 'unspoken-assumption'],
        alternatives: [
          { id: 'a1', text: 'I would like the early shift back; can we look at the rota together?' },
          { id: 'a2', text: 'The late shifts are hard for me at home.' },
          { id: 'a3', text: 'Could we talk about this on Friday?' },
        ],
      }),
    );
  }
  for (const a of analyses.slice(0, 2)) {
    const rp = await post(baseUrl, cookie, `/api/courses/${courseId}/role-plays`, {
      sessionId: a.data.sessionId,
      analysisId: a.id,
      alternativeId: 'a1',
      scenario: 'Asking Kim for the early shift',
      confidenceBefore: 3,
    });
    await patch(
      baseUrl,
      cookie,
      `/api/role-plays/${rp.id}`,
      { rounds: [{ id: 'r1', tried: 'Asked directly', feedback: 'Clear and calm' }], confidenceAfter: 7 },
      rp.version,
    );
  }
  for (let i = 0; i < 2; i++) {
    const d = await post(baseUrl, cookie, `/api/courses/${courseId}/decision-analyses`, {
      sessionId: byNumber.get(8 + i),
      decision: 'Whether to ask for a change of team',
      options: [
        {
          id: 'o1',
          text: 'Ask now',
          pros: ['Settled sooner'],
          cons: ['Risky'],
          emotionalConsequences: 'Anxious, then relieved',
        },
        {
          id: 'o2',
          text: 'Wait a month',
          pros: ['More settled'],
          cons: ['More late shifts'],
          emotionalConsequences: 'Resentful',
        },
      ],
      chosenOptionId: 'o1',
      plan: { who: 'Kim', when: 'Friday after the team meeting', words: 'Can we look at my shifts together?' },
    });
    await patch(
      baseUrl,
      cookie,
      `/api/decision-analyses/${d.id}`,
      { outcome: { sessionId: byNumber.get(9 + i), result: 'as-planned', note: 'Kim agreed to try it.' } },
      d.version,
    );
  }
  await post(baseUrl, cookie, `/api/courses/${courseId}/ruptures`, {
    sessionId: byNumber.get(10),
    type: 'withdrawal',
    observed: 'Quiet and deferential after the feedback.',
    repair: 'Named it and asked how the feedback had landed.',
    metacommunication: true,
  });
  await post(baseUrl, cookie, `/api/courses/${courseId}/circle-snapshots`, {
    phase: 'end-of-treatment',
    rings: 3,
    placements: placements(1),
  });
  await put(baseUrl, cookie, `/api/courses/${courseId}/relapse-plan`, {
    warningSigns: [
      { kind: 'symptom', text: 'Sleeping badly for a week' },
      { kind: 'interpersonal', text: 'Stopping calls with Lee' },
    ],
    triggersAnticipated: ['The next rota change'],
    copingActions: ['Talk to Lee', 'Keep the morning walk'],
    peopleToContact: [{ personId: people[1].id, name: 'Lee', how: 'Phone' }],
    professionalContacts: [{ name: 'Dr Example', role: 'GP', contact: '01234 567890' }],
    whenToReturn: {
      text: 'If the signs last two weeks',
      threshold: { instrumentId: 'phq-9', atLeast: 10, forWeeks: 2 },
    },
  });
  return { works, analyses: analyses.length, rolePlays: 2, decisions: 2, people: people.length };
}

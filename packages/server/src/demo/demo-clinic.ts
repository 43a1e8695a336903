/**
 * The fictional demo clinic, loaded only into a fresh database when asked. Its two patients follow the two case
 * vignettes in shared/seeds/: "Ethyl", whose depression worsened after the death of her dog, treated with an
 * interpersonal-sensitivities focus (Law, Ravitz, Pain & Fonagy 2022), and "Joy", a role dispute with her
 * ex-partner over co-parenting (Markowitz & Weissman 2012, as retold in the case-history article). Names carry
 * "(demo)"; notes are short paraphrases, and every date is made up relative to the day the demo is loaded.
 */
import type { CreateInventoryEntryRequest } from '@ipt/contract';
import {
  addDays,
  type Attendance,
  type DisputeStage,
  type LifeEventCategory,
  type ProblemArea,
  Phase,
  placeByCloseness,
  presetPhaseLengths,
  Role,
  type SchoolPreset,
} from '@ipt/core';
import { insertOrganisation, insertSupervisionLink } from '../db/repositories/organisations-repository.js';
import type { z } from 'zod';
import { secretToken, uuidv7 } from '../ids.js';
import { createServices, type Services } from '../services/index.js';

export interface DemoLogin {
  readonly role: string;
  readonly email: string;
  readonly password: string;
}

interface DemoSession {
  readonly attendance: Attendance;
  readonly note: string;
}

interface DemoPerson {
  readonly key: string;
  readonly fields: Omit<z.input<typeof CreateInventoryEntryRequest>, 'mergeInto'>;
  readonly diedMonthsBefore?: number;
}

interface DemoStory {
  readonly onsetMonthsBefore: number;
  readonly people: readonly DemoPerson[];
  readonly events: readonly {
    monthsBefore: number;
    category: LifeEventCategory;
    personKey?: string;
    description: string;
  }[];
  readonly choice: { area: ProblemArea; disputeStage?: DisputeStage; personKey?: string; rationale: string };
  readonly patientWords: string;
  readonly personalGoals: readonly string[];
}

interface DemoCase {
  readonly displayName: string;
  readonly age: number;
  readonly pronouns: string;
  readonly preset: SchoolPreset;
  readonly sessions: readonly DemoSession[];
  /** Made-up PHQ-9 totals by session (item 9 always "not at all"); null where none was given. */
  readonly phq9Totals: readonly (number | null)[];
  /** Made-up GAD-7 totals by session number: at intake and every 4 sessions. */
  readonly gad7Totals: Readonly<Record<number, number>>;
  /** The initial phase as recorded at session 3, from the case vignette (months counted back from the start). */
  readonly story: DemoStory;
  /** Phase moves after the given session number, with the clinician's reason. */
  readonly moves: readonly { afterSession: number; to: Phase; reason: string }[];
  /** A little middle-phase work, recorded at the given session (its number). */
  readonly middle?: { readonly atSession: number; readonly record: typeof ethylChatroom };
}

/**
 * Ethyl's session 6, after the seed article (shared/seeds/000_170c0bf6859b8dcb.txt): the online chatroom conversation
 * in which she felt sadness and excitement at the thought of another dog and said nothing, fearing criticism, taken
 * step by step as a communication analysis with alternative replies to rehearse. The wording is ours and fictional.
 */
async function ethylChatroom(services: Services, ctx: DemoContext, courseId: string, sessionId: string) {
  const work = await services.middle.putSessionWork(ctx, sessionId, 0, {
    checkIn: { mood: 5, administrationId: null, sinceLastMet: "Read the dog owners' chatroom most evenings." },
    moodEventLink: 'Low after the chatroom talk about new puppies; she had wanted to join in and did not.',
    strategies: ['deficits.patterns', 'deficits.mentalizing'],
    techniques: ['communication-analysis', 'role-play', 'mentalizing'],
    patientWillTry: 'Post one message in the chatroom about Brandy.',
    safetyCheck: { done: true, concern: false, note: '' },
  });
  await services.middle.putSessionWork(ctx, sessionId, work.version, { status: 'finished' });
  await services.middle.add(ctx, courseId, 'communication-analysis', {
    sessionId,
    personId: null,
    incident: 'The online chatroom conversation about getting another dog',
    turns: [
      {
        id: 't1',
        speaker: 'other',
        words: 'Has anyone thought about getting another dog after losing one?',
        toneNonverbal: 'A friendly post in the group',
        patientFeeling: 'Sad, and excited at the idea',
        patientMeant: '',
        otherFeltGuess: 'They would think it too soon for me',
        prompts: [{ promptId: 'other-feeling', answer: 'Perhaps they were missing their own dogs.' }],
        lapses: ['certainty-about-others'],
      },
      {
        id: 't2',
        speaker: 'patient',
        words: '(Read the replies and wrote nothing.)',
        toneNonverbal: 'Closed the page',
        patientFeeling: 'Alone, and afraid of being criticised',
        patientMeant: 'I have been thinking about it too, since Brandy died',
        otherFeltGuess: '',
        prompts: [],
        lapses: [],
      },
    ],
    intendedVsConveyed: 'She wanted to share her feelings; by saying nothing she conveyed no interest.',
    patterns: ['withdrawal', 'unspoken-assumption'],
    alternatives: [
      { id: 'alt-1', text: 'I lost my dog Brandy this year, and I have been wondering the same thing.' },
      { id: 'alt-2', text: 'How did you know you were ready?' },
    ],
    agreedAttempt: 'Post the first reply before the next session.',
  });
}

type DemoContext = Parameters<Services['initial']['add']>[0];

const ethyl: DemoCase = {
  displayName: 'Ethyl (demo)',
  age: 53,
  pronouns: 'she/her',
  preset: 'weissman-markowitz',
  sessions: [
    {
      attendance: 'attended',
      note: 'Low mood, low energy and poor concentration since her dog died six months ago. Diagnosis named; depression explained as a treatable illness. She calls herself "not a people person".',
    },
    {
      attendance: 'attended',
      note: 'Timeline: mood fell after the loss of her dog, her main companion. Inventory started: few current relationships; the other dog owners at the park.',
    },
    {
      attendance: 'attended',
      note: 'Formulation agreed: long-standing isolation amplified the loss. Interpersonal sensitivities chosen as focus; grief considered. Contract: 16 weekly sessions.',
    },
    {
      attendance: 'attended',
      note: 'Explored how she read the other dog owners. She did not feel unwelcome at the park.',
    },
    { attendance: 'cancelled', note: '' },
    {
      attendance: 'attended',
      note: 'Communication analysis of an online chat about getting another dog; feelings left unsaid for fear of criticism. Role play of other replies.',
    },
  ],
  phq9Totals: [16, 15, 15, 13, null, 12],
  story: {
    onsetMonthsBefore: 5,
    people: [
      {
        key: 'brandy',
        fields: {
          personName: 'Brandy (her dog)',
          relationship: 'other',
          closenessRing: 1,
          positives: 'Uncomplicated affection',
        },
        diedMonthsBefore: 6,
      },
      {
        key: 'park',
        fields: {
          personName: 'The dog owners at the park',
          relationship: 'other',
          closenessRing: 3,
          positives: 'She did not feel unwelcome there',
          cannotTalkAbout: 'How much she misses Brandy',
        },
      },
    ],
    events: [{ monthsBefore: 6, category: 'death', personKey: 'brandy', description: 'Her dog Brandy died' }],
    choice: {
      area: 'deficits',
      rationale:
        'A life-long pattern of sparse relationships amplified the loss: interpersonal sensitivities chosen over grief.',
    },
    patientWords: 'I suppose it is not just about Brandy.',
    personalGoals: ['Talk to the people at the park again'],
  },
  gad7Totals: { 1: 9 },
  moves: [
    {
      afterSession: 3,
      to: Phase.middle,
      reason: 'Formulation agreed with the patient; interpersonal sensitivities focus.',
    },
  ],
  middle: { atSession: 6, record: ethylChatroom },
};

const joy: DemoCase = {
  displayName: 'Joy (demo)',
  age: 37,
  pronouns: 'she/her',
  preset: 'weissman-markowitz',
  sessions: [
    {
      attendance: 'attended',
      note: 'Depressed mood, low self-worth, poor concentration after leaving a high-stress job for her health. Major depression named; likened to having the flu (sick role).',
    },
    {
      attendance: 'attended',
      note: 'Inventory: new partner supportive; conflict with ex-partner over short-notice childcare for their daughter.',
    },
    { attendance: 'attended', note: 'Role dispute with ex-partner chosen as focus; she agreed. Contract set.' },
    ...Array.from(
      { length: 9 },
      (_, i): DemoSession => ({
        attendance: 'attended',
        note: i === 2 ? 'Communication analysis of a call with her ex-partner: what she felt at each moment.' : '',
      }),
    ),
    { attendance: 'attended', note: 'Mood much improved. She has begun to say no to last-minute requests.' },
    { attendance: 'attended', note: 'Termination raised: end date named; gains credited to her own work.' },
  ],
  phq9Totals: [18, 17, 16, 15, 14, 12, 11, 10, 9, 8, 7, 6, 5, 4],
  story: {
    onsetMonthsBefore: 2,
    people: [
      {
        key: 'ben',
        fields: {
          personName: 'Ben',
          relationship: 'partner',
          closenessRing: 1,
          positives: 'Encouraging and supportive',
        },
      },
      {
        key: 'laura',
        fields: {
          personName: 'Laura',
          relationship: 'other',
          relationshipDetail: 'ex-partner',
          closenessRing: 2,
          conflict: { present: true, whatHappens: 'Asks her to take on childcare at short notice; Joy gives in' },
          expectations: { patient: 'Planned, shared childcare', other: 'Joy helps whenever asked', met: 'no' },
        },
      },
      {
        key: 'maxine',
        fields: {
          personName: 'Maxine',
          relationship: 'child',
          closenessRing: 1,
          relationshipDetail: 'daughter they co-parent',
        },
      },
    ],
    events: [
      { monthsBefore: 4, category: 'health', description: 'Heart attack' },
      { monthsBefore: 3, category: 'work', description: 'Quit her high-stress job for her health' },
    ],
    choice: {
      area: 'dispute',
      disputeStage: 'renegotiation',
      personKey: 'laura',
      rationale: 'Different expectations with her ex-partner about childcare, and resentment she does not voice.',
    },
    patientWords: 'It is about Laura and me never saying no.',
    personalGoals: ['Say no to last-minute requests without guilt', 'Find new work'],
  },
  gad7Totals: { 1: 12, 5: 9, 9: 7, 13: 4 },
  moves: [
    { afterSession: 3, to: Phase.middle, reason: 'Role dispute formulation agreed.' },
    { afterSession: 13, to: Phase.termination, reason: 'Three sessions left: termination work begins.' },
  ],
};

/** Loads the demo clinic and returns its logins (random passwords, shown only for the demo database). */
export async function loadDemoClinic(services: Services): Promise<DemoLogin[]> {
  const { db, clock } = services.deps;
  const at = clock().toISOString();
  const organisationId = uuidv7();
  // Two-step sign-in stays off, so the demo logins sign in with a password alone (docs/decisions/0019-mfa.md).
  await db.write((trx) =>
    insertOrganisation(trx, {
      id: organisationId,
      name: 'Demo clinic (fictional)',
      isDemo: 1,
      mfaRequired: 0,
      createdAt: at,
    }),
  );

  const logins: DemoLogin[] = [];
  const users: Record<string, string> = {};
  for (const [role, name] of [
    [Role.admin, 'Alex Admin (demo)'],
    [Role.supervisor, 'Dr Sam Supervisor (demo)'],
    [Role.clinician, 'Dr Casey Clinician (demo)'],
  ] as const) {
    const email = `${role}@demo.ipt.example`;
    const password = `demo-${secretToken().slice(0, 16)}`;
    const user = await services.people.insert({ organisationId, email, displayName: name, role, password });
    users[role] = user.id;
    logins.push({ role, email, password });
  }
  const clinician = users[Role.clinician] as string;
  await db.write((trx) =>
    insertSupervisionLink(trx, {
      id: uuidv7(),
      organisationId,
      supervisorId: users[Role.supervisor] as string,
      superviseeId: clinician,
      createdAt: at,
    }),
  );

  const ctx = {
    actor: {
      userId: clinician,
      organisationId,
      role: Role.clinician,
      displayName: 'demo',
      sessionIdHash: 'demo-loader',
    },
    ip: null,
    operation: 'seed-demo',
    // The demo's clinician records the course the way the API's care-team writes do.
    scope: 'patient:write' as const,
  };
  const today = at.slice(0, 10);
  const instruments = await services.measures.instruments(ctx);
  const versionOf = (id: string) => instruments.find((i) => i.id === id)?.version ?? '';
  for (const c of [ethyl, joy]) {
    // The course started one week per recorded session ago, so the next session falls in the coming week.
    const startDate = addDays(today, -7 * c.sessions.length + 1);
    // Each step is recorded as on the day it happened, so the history and the charts read true.
    const on = (date: string) => createServices({ ...services.deps, clock: () => new Date(`${date}T11:00:00Z`) });
    const patient = await on(startDate).patients.create(ctx, {
      displayName: c.displayName,
      yearOfBirth: clock().getUTCFullYear() - c.age,
      pronouns: c.pronouns,
    });
    const weekday = ((new Date(`${startDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    let detail = await on(startDate).courses.start(ctx, patient.id, {
      format: 'individual',
      schoolPreset: c.preset,
      perinatal: false,
      plannedSessions: 16,
      phaseLengths: presetPhaseLengths(c.preset),
      schedule: { weekday, time: '10:00' },
      startDate,
    });
    for (const [i, s] of c.sessions.entries()) {
      const date = addDays(startDate, 7 * i);
      const day = on(date);
      const session = await day.courses.recordSession(ctx, detail.course.id, {
        number: i + 1,
        date,
        attendance: s.attendance,
        lengthMinutes: s.attendance === 'attended' ? 50 : null,
        note: s.note,
      });
      const given: [string, number | null | undefined, number][] = [
        ['phq-9', c.phq9Totals[i], 8],
        ['gad-7', c.gad7Totals[i + 1], 7],
      ];
      for (const [instrumentId, total, items] of given) {
        if (total === null || total === undefined) continue;
        const answers = spread(total, items);
        // PHQ-9: item 9 "not at all", then the difficulty item "somewhat difficult".
        if (instrumentId === 'phq-9') answers.push(0, 1);
        await day.measures.administer(ctx, detail.course.id, {
          instrumentId,
          instrumentVersion: versionOf(instrumentId),
          answers,
          sessionId: session.id,
        });
      }
      if (i === 2) await enterInitialPhase(day, ctx, detail.course.id, c.story, startDate);
      if (c.middle?.atSession === i + 1) await c.middle.record(day, ctx, detail.course.id, session.id);
      for (const move of c.moves.filter((m) => m.afterSession === i + 1)) {
        detail = await day.courses.movePhase(ctx, detail.course.id, detail.course.version, move.to, move.reason);
      }
    }
  }
  return logins;
}

/** Option positions (0–3 each) over `items` items adding up to `total`, spread evenly. */
function spread(total: number, items: number): number[] {
  const answers = Array.from({ length: items }, () => 0);
  for (let left = Math.min(total, 3 * items), k = 0; left > 0; k++, left--)
    answers[k % items] = (answers[k % items] ?? 0) + 1;
  return answers;
}

/** The month `months` before `date`, as patients remember dates: approximately. */
function monthsBefore(date: string, months: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** Records the initial phase of a demo case: timeline, inventory, choice, formulation agreed, contract, facts. */
async function enterInitialPhase(
  services: Services,
  ctx: Parameters<Services['initial']['add']>[0],
  courseId: string,
  story: DemoStory,
  startDate: string,
) {
  const { initial } = services;
  await initial.add(ctx, courseId, 'episode', {
    kind: 'current',
    type: 'depressive',
    start: monthsBefore(startDate, story.onsetMonthsBefore),
  });
  const ids: Record<string, string> = {};
  for (const p of story.people) {
    const died =
      p.diedMonthsBefore === undefined
        ? {}
        : { deceased: true, dateOfDeath: monthsBefore(startDate, p.diedMonthsBefore) };
    ids[p.key] = (await initial.add(ctx, courseId, 'inventory-entry', { ...p.fields, ...died })).id;
  }
  // The closeness circle at intake, each person on the ring the inventory gives them.
  await initial.add(ctx, courseId, 'circle-snapshot', {
    phase: 'intake',
    rings: 3,
    placements: placeByCloseness(
      story.people.map((p) => ({
        id: ids[p.key] as string,
        closenessRing: typeof p.fields.closenessRing === 'number' ? p.fields.closenessRing : null,
      })),
    ),
  });
  for (const e of story.events) {
    await initial.add(ctx, courseId, 'life-event', {
      date: monthsBefore(startDate, e.monthsBefore),
      category: e.category,
      description: e.description,
      ...(e.personKey && { personId: ids[e.personKey] }),
    });
  }
  const { personKey, disputeStage, area, rationale } = story.choice;
  await initial.put(ctx, courseId, 'problem-area', 0, {
    preset: 'weissman4',
    primary: { area, ...(disputeStage && { disputeStage }), ...(personKey && { personId: ids[personKey] }) },
    rationale,
  });
  await initial.put(ctx, courseId, 'initial-facts', 0, {
    diagnosis: 'Major depressive disorder',
    sickRoleExplained: true,
    safetyScreenDone: true,
  });
  const view = await initial.view(ctx, courseId);
  const draft = await initial.put(ctx, courseId, 'formulation', 0, { text: view.draftFormulation ?? rationale });
  const presented = await initial.formulationTransition(ctx, courseId, draft.version, { to: 'presented' });
  await initial.formulationTransition(ctx, courseId, presented.version, {
    to: 'agreed',
    patientWords: story.patientWords,
  });
  await initial.put(ctx, courseId, 'treatment-contract', 0, {
    sessionMinutes: 50,
    areaGoals: [],
    personalGoals: [...story.personalGoals],
    missedSessions: 'Let the clinic know a day ahead; a missed session still counts towards the sixteen.',
    safety: 'Crisis contacts given; if thoughts of self-harm come, call the service or emergency services.',
  });
}

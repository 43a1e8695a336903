/**
 * The fictional demo clinic, loaded only into a fresh database when asked. Its two patients follow the two case
 * vignettes in shared/seeds/: "Ethyl", whose depression worsened after the death of her dog, treated with an
 * interpersonal-sensitivities focus (Law, Ravitz, Pain & Fonagy 2022), and "Joy", a role dispute with her
 * ex-partner over co-parenting (Markowitz & Weissman 2012, as retold in the case-history article). Names carry
 * "(demo)"; notes are short paraphrases, and every date is made up relative to the day the demo is loaded.
 */
import { addDays, type Attendance, Phase, presetPhaseLengths, Role, type SchoolPreset } from '@ipt/core';
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
  /** Phase moves after the given session number, with the clinician's reason. */
  readonly moves: readonly { afterSession: number; to: Phase; reason: string }[];
}

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
  gad7Totals: { 1: 9 },
  moves: [
    {
      afterSession: 3,
      to: Phase.middle,
      reason: 'Formulation agreed with the patient; interpersonal sensitivities focus.',
    },
  ],
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
  await db.db
    .insertInto('organisations')
    .values({ id: organisationId, name: 'Demo clinic (fictional)', isDemo: 1, createdAt: at })
    .execute();

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
  await db.db
    .insertInto('supervisionLinks')
    .values({
      id: uuidv7(),
      organisationId,
      supervisorId: users[Role.supervisor] as string,
      superviseeId: clinician,
      createdAt: at,
    })
    .execute();

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
      for (const move of c.moves.filter((m) => m.afterSession === i + 1)) {
        // The demo's initial phases predate the initial-phase tools: their moves are written overrides of the gate.
        detail = await day.courses.movePhase(ctx, detail.course.id, detail.course.version, move.to, move.reason, true);
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

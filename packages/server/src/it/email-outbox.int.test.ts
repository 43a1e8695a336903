/**
 * Questionnaire links by email, through the outbox (issue 12, part 6; docs/decisions/0022), on both databases, to a
 * real SMTP server the test starts (smtp-server) and reads back (mailparser). The email arrives at the patient's
 * address with a link that works once and nothing clinical in it; a patient with no address, and a server without
 * email, say so and save nothing; with the mail server down the email waits in the outbox, survives a restart of the
 * server, and goes exactly once when the mail server is back.
 */
import { startServer } from '@ipt/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, problemOf, type SignedIn, startTestServer, type TestServer, tempDir } from '../../test/harness.js';
import { type MailServer, startMailServer } from '../../test/mail-server.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();
const PUBLIC_URL = 'https://clinic.example';

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(targets)('questionnaire links by email on $name', (target) => {
  let smtp: MailServer;
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);

  beforeAll(async () => {
    smtp = await startMailServer();
    server = await startTestServer(target, {
      clock,
      env: { IPT_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, IPT_PUBLIC_URL: `${PUBLIC_URL}/` },
    });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });
  afterAll(async () => {
    await server?.drop();
    await smtp?.close();
  });

  const giveEmail = async (patientId: string, email: string) => {
    const { patient } = await clinician.api.getPatient({ params: { patientId } });
    await clinician.api.updatePatient({
      params: { patientId },
      body: { contact: { email } },
      ifMatch: patient.version,
    });
  };
  const outboxRows = () =>
    server
      .direct()
      .selectFrom('emailOutbox')
      .select(['toAddress', 'attempts', 'sentAt', 'body'])
      .orderBy('createdAt')
      .execute();

  it('emails the link to the patient, names nothing clinical, and the link works once', async () => {
    await giveEmail(world.own.patientId, 'ada.test@patients.example');
    const link = await clinician.api.createMeasureLink({
      params: { courseId: world.own.courseId },
      body: { instrumentId: 'phq-9', sendByEmail: true },
    });
    expect(link.emailed).toBe(true);
    const mail = await waitFor('the email', () => smtp.received.find((m) => m.text?.includes(link.token)));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ada.test@patients.example');
    expect(mail.subject).toBe('A short form from your clinic');
    const url = `${PUBLIC_URL}/q/${link.token}`;
    expect(mail.text).toContain(`Open this link to fill it in: ${url}`);
    for (const clinical of [/PHQ/i, /depress/i, /mood/i, /Own Patient/, /Casey|clinician/i, /risk/i]) {
      expect(mail.text).not.toMatch(clinical);
      expect(mail.subject).not.toMatch(clinical);
    }
    // Sent: the outbox keeps the row and forgets the body, which held the link.
    const rows = await outboxRows();
    expect(rows.at(-1)).toMatchObject({ toAddress: 'ada.test@patients.example', attempts: 0, body: '' });
    expect(rows.at(-1)?.sentAt).not.toBeNull();

    // The link in the email works once.
    const token = new URL(url).pathname.split('/').at(-1) ?? '';
    const patient = server.anonymous();
    const form = await patient.api.openMeasureLink({ params: { token } });
    const answers = form.instrument.items.map(() => 0);
    expect(await patient.api.submitMeasureLink({ params: { token }, body: { answers } })).toMatchObject({
      received: true,
    });
    expect(await problemOf(patient.api.submitMeasureLink({ params: { token }, body: { answers } }))).toMatchObject({
      status: 410,
    });
  });

  it('says so when the patient has no email address, and keeps neither the link nor an email', async () => {
    const before = (await outboxRows()).length;
    const fresh = await world.fresh('own'); // a new patient of the caseload, no email address given
    const problem = await problemOf(
      clinician.api.createMeasureLink({
        params: { courseId: fresh.courseId },
        body: { instrumentId: 'phq-9', sendByEmail: true },
      }),
    );
    expect(problem).toMatchObject({ status: 422 });
    expect(JSON.stringify(problem)).toMatch(/no email address on file/);
    expect(await outboxRows()).toHaveLength(before);
  });

  it('keeps the email through a mail server outage and a restart, then sends it exactly once', async () => {
    await smtp.close();
    const link = await clinician.api.createMeasureLink({
      params: { courseId: world.own.courseId },
      body: { instrumentId: 'phq-9', sendByEmail: true },
    });
    // Tried and failed: it waits, with the link still in its body.
    let row: { attempts: number; sentAt: string | null; body: string } | undefined;
    for (let i = 0; i < 100 && !(row && row.attempts > 0); i++) {
      row = (await outboxRows()).at(-1);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(row).toMatchObject({ attempts: 1, sentAt: null });
    expect(row?.body).toContain(link.token);

    // The server stops and starts again on the same database; the mail server comes back on its port.
    const { config } = server.workbench;
    await server.close();
    smtp = await startMailServer(smtp.port);
    offset += 2 * 60_000; // the retry is due a minute after the failure
    const again = await startServer({
      clock,
      webRoot: tempDir('ipt-noweb-'),
      env: {
        PORT: '0',
        LOG_LEVEL: 'silent',
        IPT_DATA_DIR: config.dataDir,
        ...(config.databaseUrl && { DATABASE_URL: config.databaseUrl }),
        IPT_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        IPT_PUBLIC_URL: PUBLIC_URL,
      },
    });
    try {
      await waitFor('the email after the restart', () => smtp.received.find((m) => m.text?.includes(link.token)));
      // Another round of the sender finds nothing more to send: one email, not two.
      await again.workbench.services.deps.mail.kick();
      expect(smtp.received.filter((m) => m.text?.includes(link.token))).toHaveLength(1);
      expect((await outboxRows()).at(-1)).toMatchObject({ attempts: 1, body: '' });
    } finally {
      await again.close();
    }
  });

  it('refuses to email a link from a server without email set up', async () => {
    const plain = await startTestServer(target);
    try {
      const w = await buildWorld(plain);
      const c = await plain.as(w.users.clinician.email, PASSWORD);
      const problem = await problemOf(
        c.api.createMeasureLink({
          params: { courseId: w.own.courseId },
          body: { instrumentId: 'phq-9', sendByEmail: true },
        }),
      );
      expect(problem).toMatchObject({ status: 422 });
      expect(JSON.stringify(problem)).toMatch(/Email is not set up/);
    } finally {
      await plain.drop();
    }
  });
});

/**
 * A questionnaire link by email, end to end on a phone (issue 12, part 6): the clinician gives the demo patient Joy
 * an email address, presses "Email the link to the patient" and is told where it went; a real SMTP server (started
 * here) receives the email; the patient opens the link from it and sees the questionnaire, with no account. A
 * patient with no address on file is not offered the button.
 */
import { type MailServer, startMailServer } from '../../server/test/mail-server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';
import {
  browserClient,
  expectAccessible,
  heading,
  openPage,
  phone,
  shot,
  shotPath,
  signIn,
  useWorld,
} from './support.js';

let smtp: MailServer;

describe('a questionnaire link by email', () => {
  beforeAll(async () => {
    smtp = await startMailServer();
  });
  afterAll(() => smtp.close());
  // The world starts after the mail server: its address is read then.
  const world = useWorld({
    env: () => ({ IPT_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, IPT_PUBLIC_URL: 'http://127.0.0.1:1' }),
  });

  it('is emailed from the patient page, arrives, and opens the questionnaire for the patient', async () => {
    const { context, page, problems } = await openPage(world().browser, phone, /401/);
    await signIn(page, world());
    const api = browserClient(page);
    const joy = (await api.listPatients({})).find((p) => p.patient.displayName === 'Joy (demo)');
    if (!joy) throw new Error('No Joy in the demo clinic.');
    const { patient } = await api.getPatient({ params: { patientId: joy.patient.id } });

    // No address on file: no email button.
    await page.goto(`${world().server.url}/patients/${joy.patient.id}`);
    await heading(page, 'Joy (demo)');
    await page.getByRole('button', { name: t('give.sendLink') }).waitFor();
    expect(await page.getByRole('button', { name: t('give.emailLink') }).count()).toBe(0);

    await api.updatePatient({
      params: { patientId: joy.patient.id },
      body: { contact: { email: 'joy.demo@patients.example' } },
      ifMatch: patient.version,
    });
    await page.reload();
    await heading(page, 'Joy (demo)');
    await page.getByRole('button', { name: t('give.emailLink') }).click();
    const status = page.getByRole('status').filter({ hasText: 'joy.demo@patients.example' });
    await status.waitFor();
    expect(await status.innerText()).toBe(t('link.emailed', { email: 'joy.demo@patients.example' }));
    await expectAccessible(page, 'patient page, link emailed');
    await shot(page, 'email-link-phone-sent');
    await page.locator('.questionnaire-actions').screenshot({ path: shotPath('email-link-phone-sent-panel') });

    // The mail server has it: to Joy's address, a link that opens the questionnaire without an account.
    const until = Date.now() + 10_000;
    while (smtp.received.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const mail = smtp.received[0];
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('joy.demo@patients.example');
    const url = /http:\/\/127\.0\.0\.1:1(\/q\/[A-Za-z0-9_-]{43})/.exec(mail?.text ?? '');
    expect(url, mail?.text).not.toBeNull();
    expect(mail?.text).not.toMatch(/PHQ|Joy|depress/i);

    const patientSide = await openPage(world().browser, phone, /^$/);
    await patientSide.page.goto(`${world().server.url}${url?.[1] ?? ''}`);
    await patientSide.page.getByRole('heading', { level: 1 }).first().waitFor();
    await patientSide.page.getByRole('button', { name: t('link.submit') }).waitFor();
    expect(await patientSide.page.getByRole('banner').count()).toBe(0);
    await shot(patientSide.page, 'email-link-phone-patient');
    expect(patientSide.problems).toEqual([]);
    await patientSide.context.close();

    expect(problems).toEqual([]);
    await context.close();
  });
});

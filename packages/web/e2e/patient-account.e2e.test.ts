/**
 * A patient's account, end to end on a phone (issue 12, parts 1 and 2): the clinician invites the demo patient Joy;
 * on her phone Joy opens the invitation, slips when typing the password twice (told so, next to the field), then
 * sets it and lands on her home: "Next: session n of N" as the clinician's records say, the next date, the sessions
 * left, the pages about IPT and help in a crisis. The invitation then works no more, and the start page of her
 * account is her home, not a caseload.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, t } from '../src/i18n/t.js';
import { browserClient, expectAccessible, heading, openPage, phone, shot, signIn, useWorld } from './support.js';

describe("a patient's account", () => {
  const world = useWorld();

  it('is set up from the invitation on a phone and opens on the patient’s own home', async () => {
    // The clinician invites Joy from her patient page.
    const staff = await openPage(world().browser, phone, /401/);
    await signIn(staff.page, world());
    const api = browserClient(staff.page);
    const joy = (await api.listPatients({})).find((p) => p.patient.displayName === 'Joy (demo)');
    if (!joy?.course) throw new Error('No Joy with a course in the demo clinic.');
    await staff.page.goto(`${world().server.url}/patients/${joy.patient.id}`);
    await heading(staff.page, 'Joy (demo)');
    await staff.page.getByLabel(t('invite.email')).fill('Joy.Account@patients.example');
    await staff.page.getByRole('button', { name: t('invite.create') }).click();
    const linkField = staff.page.getByLabel(t('invite.created', { email: 'joy.account@patients.example' }));
    const invitation = { path: new URL(await linkField.inputValue()).pathname };
    expect(invitation.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    await expectAccessible(staff.page, 'patient page with an invitation');
    const detail = await api.getPatient({ params: { patientId: joy.patient.id } });
    const course = detail.courses.find((c) => c.course.id === joy.course?.id);
    if (!course) throw new Error('Joy has no current course.');
    await staff.context.close();

    // Joy, on her phone, never signed in here.
    const { context, page, problems } = await openPage(world().browser, phone, /401/);
    await page.goto(`${world().server.url}${invitation.path}`);
    await heading(page, t('invite.title'));
    await page.getByLabel(t('invite.password')).fill('joy picks a long passphrase');
    await page.getByLabel(t('invite.confirm')).fill('joy picks a long passphrase!');
    await page.getByRole('button', { name: t('invite.submit') }).click();
    await page.getByText(t('invite.mismatch')).waitFor();
    await expectAccessible(page, 'invitation with a slip');
    await page.getByLabel(t('invite.confirm')).fill('joy picks a long passphrase');
    await page.getByRole('button', { name: t('invite.submit') }).click();

    await heading(page, t('home.hello', { name: 'Joy (demo)' }));
    const { plannedSessions } = course.course;
    const { nextNumber, lastNumber, nextDate } = course.progress;
    await page.getByText(t('home.sessionOf', { n: nextNumber, total: plannedSessions })).waitFor();
    if (nextDate) await page.getByText(t('home.nextDate', { date: formatDate(nextDate) })).waitFor();
    const left = plannedSessions - lastNumber;
    await page.getByText(left === 1 ? t('home.leftOne') : t('home.leftMany', { left })).waitFor();
    await page.getByRole('link', { name: t('learn.title') }).waitFor();
    // The header leads a patient home, never to a caseload.
    const nav = page.getByRole('navigation', { name: t('nav.label') });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([t('nav.home')]);
    await page.getByText(t('crisis.dangerNow')).waitFor();
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(w.scroll).toBeLessThanOrEqual(w.inner);
    await expectAccessible(page, 'patient home');
    await shot(page, 'patient-home-phone');

    // Her account's start page is her home; the invitation is spent.
    await page.goto(world().server.url);
    await heading(page, t('home.hello', { name: 'Joy (demo)' }));
    const again = await openPage(world().browser, phone, /401|410/);
    await again.page.goto(`${world().server.url}${invitation.path}`);
    await again.page.getByLabel(t('invite.password')).fill('someone else tries it');
    await again.page.getByLabel(t('invite.confirm')).fill('someone else tries it');
    await again.page.getByRole('button', { name: t('invite.submit') }).click();
    await again.page
      .getByRole('alert')
      .filter({ hasText: t('invite.gone') })
      .waitFor();
    await again.context.close();

    expect(problems).toEqual([]);
    await context.close();
  });
});

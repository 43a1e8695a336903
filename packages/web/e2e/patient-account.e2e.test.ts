/**
 * A patient's account, end to end on a phone (issue 12, parts 1 and 2), with a new fictional case: Tomasz (test),
 * 41, a course of 12 weekly sessions begun 33 days ago, five sessions held (33, 26, 19, 12 and 5 days ago). The
 * clinician invites him from his patient page; on his phone he opens the invitation, slips when typing the password
 * twice (told so, next to the field), then sets it and lands on his home, which must say what his calendar says:
 * "Next: session 6 of 12", in two days, 7 sessions left. The invitation then works no more, and the start page of
 * his account is his home, not a caseload.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, t } from '../src/i18n/t.js';
import { browserClient, expectAccessible, heading, openPage, phone, shot, signIn, useWorld } from './support.js';

const day = 86_400_000;
const isoDaysFromNow = (n: number) => new Date(Date.now() + n * day).toISOString().slice(0, 10);

describe("a patient's account", () => {
  const world = useWorld();

  it('is set up from the invitation on a phone and opens on the patient’s own home', async () => {
    const staff = await openPage(world().browser, phone, /401/);
    await signIn(staff.page, world());
    const api = browserClient(staff.page);
    const tomasz = await api.createPatient({ body: { displayName: 'Tomasz (test)', yearOfBirth: 1985 } });
    const start = isoDaysFromNow(-33);
    const weekday = ((new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const { course } = await api.createCourse({
      params: { patientId: tomasz.id },
      body: { schoolPreset: 'iptuk', plannedSessions: 12, schedule: { weekday, time: '17:00' }, startDate: start },
    });
    for (const daysAgo of [33, 26, 19, 12, 5]) {
      await api.createSession({
        params: { courseId: course.id },
        body: { date: isoDaysFromNow(-daysAgo), attendance: 'attended' },
      });
    }

    // The clinician invites him from his patient page.
    await staff.page.goto(`${world().server.url}/patients/${tomasz.id}`);
    await heading(staff.page, 'Tomasz (test)');
    await staff.page.getByLabel(t('invite.email')).fill('Tomasz.Test@patients.example');
    await staff.page.getByRole('button', { name: t('invite.create') }).click();
    const linkField = staff.page.getByLabel(t('invite.created', { email: 'tomasz.test@patients.example' }));
    const invitation = { path: new URL(await linkField.inputValue()).pathname };
    expect(invitation.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    await expectAccessible(staff.page, 'patient page with an invitation');
    await staff.context.close();

    // Tomasz, on his phone, never signed in here.
    const { context, page, problems } = await openPage(world().browser, phone, /401/);
    await page.goto(`${world().server.url}${invitation.path}`);
    await heading(page, t('invite.title'));
    await page.getByLabel(t('invite.password')).fill('tomasz picks a long passphrase');
    await page.getByLabel(t('invite.confirm')).fill('tomasz picks a long passphrase!');
    await page.getByRole('button', { name: t('invite.submit') }).click();
    await page.getByText(t('invite.mismatch')).waitFor();
    await expectAccessible(page, 'invitation with a slip');
    await page.getByLabel(t('invite.confirm')).fill('tomasz picks a long passphrase');
    await page.getByRole('button', { name: t('invite.submit') }).click();

    await heading(page, t('home.hello', { name: 'Tomasz (test)' }));
    await page.getByText(t('home.sessionOf', { n: 6, total: 12 })).waitFor();
    await page.getByText(t('home.nextDate', { date: formatDate(isoDaysFromNow(2)) })).waitFor();
    await page.getByText(t('home.leftMany', { left: 7 })).waitFor();
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
    await heading(page, t('home.hello', { name: 'Tomasz (test)' }));
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

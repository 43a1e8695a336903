/**
 * The clinician's day, end to end: the real server on a fresh data directory with the demo clinic, the built web
 * app, and Debian's Chromium. Every page visited is scanned by axe and must have no violations.
 */
import { createClient } from '@ipt/contract';
import { allowedNextPhases } from '@ipt/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';
import {
  clinicianEmail,
  desktop,
  expectAccessible,
  heading,
  openPage,
  type Server,
  shot,
  startWorld,
  type World,
} from './support.js';

/** Chromium logs every non-2xx fetch; a 401 before signing in (and for a wrong password) is expected. */
const expectedStatuses = /401|409/;

describe('the clinician web client', () => {
  let world: World;
  let server: Server;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    world = await startWorld();
    ({ server, browser, password } = world);
  });

  afterAll(() => world?.close());

  const signedInPage = () => openPage(browser, desktop, expectedStatuses);

  async function signIn(page: Page) {
    await page.getByLabel(t('login.email')).fill(clinicianEmail);
    await page.getByLabel(t('login.password')).fill(password);
    await page.getByRole('button', { name: t('login.submit') }).click();
  }

  it('signs in, records the next session, sees the strip update, and signs out', async () => {
    const { context, page, problems } = await signedInPage();

    // First, the clinician opens the app and is asked to sign in.
    await page.goto(server.url);
    await heading(page, t('login.title'));
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.title()).toBe(t('app.pageTitle', { page: t('login.title') }));
    await expectAccessible(page, 'sign-in');

    // A wrong password gets one generic message, announced, next to nothing in particular.
    await page.getByLabel(t('login.email')).fill(clinicianEmail);
    await page.getByLabel(t('login.password')).fill('not the password');
    await page.getByRole('button', { name: t('login.submit') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: t('login.failed') })
      .waitFor();
    await expectAccessible(page, 'sign-in failed');
    await shot(page, 'sign-in-failed');

    // With the right password they land on their caseload.
    await signIn(page);
    await heading(page, t('caseload.title'));
    expect(await page.title()).toBe(t('app.pageTitle', { page: t('caseload.title') }));
    const banner = page.getByRole('banner');
    await banner.getByText(t('header.signedInAs', { name: 'Dr Casey Clinician (demo)' })).waitFor();
    await banner
      .getByText(t('header.role', { role: t('role.clinician'), organisation: 'Demo clinic (fictional)' }))
      .waitFor();
    const ethylRow = page.getByRole('row').filter({ hasText: 'Ethyl (demo)' });
    await ethylRow.getByText(/Session \d+ of \d+|No sessions yet/).waitFor();
    await page.getByRole('link', { name: 'Joy (demo)' }).waitFor();
    await shot(page, 'caseload');
    await expectAccessible(page, 'caseload');

    // The page works by keyboard: on a fresh load the first Tab reaches the skip link, which jumps to the content.
    await page.reload();
    await heading(page, t('caseload.title'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('app.skipLink'));
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Then they open a demo patient: the course strip shows the next session.
    await page.getByRole('link', { name: 'Ethyl (demo)' }).click();
    await heading(page, 'Ethyl (demo)');
    expect(await page.title()).toBe(t('app.pageTitle', { page: t('patient.title') }));
    const n = Number(await page.getByLabel(t('record.number')).inputValue());
    expect(n).toBeGreaterThan(0);
    await page.locator(`[data-session="${n}"][data-state="next"]`).waitFor();
    await shot(page, 'patient');
    await expectAccessible(page, 'patient');

    // On a phone-sized screen the page reflows rather than scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'patient-narrow');
    await expectAccessible(page, 'patient, narrow');
    await page.setViewportSize({ width: 1280, height: 900 });

    // They record it as attended, with a note.
    await page.getByLabel(t('record.attendance')).selectOption('attended');
    await page
      .getByLabel(t('record.note'))
      .fill('Reviewed the interpersonal inventory; agreed to focus on the role transition.');
    await page.getByRole('button', { name: t('record.submit') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('record.done', { n }) })
      .waitFor();

    // The strip updates: that cell is now recorded, the next one is outlined, and the form offers it.
    await page.locator(`[data-session="${n}"][data-state="attended"]`).waitFor();
    await page.locator(`[data-session="${n + 1}"][data-state="next"]`).waitFor();
    expect(await page.getByLabel(t('record.number')).inputValue()).toBe(String(n + 1));
    await page.getByRole('row').filter({ hasText: 'Reviewed the interpersonal inventory' }).waitFor();
    await shot(page, 'patient-after-recording');
    await expectAccessible(page, 'patient after recording');

    // Printing shows the record without the forms.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: t('record.submit') }).isVisible()).toBe(false);
    await shot(page, 'patient-print');
    await page.emulateMedia({ media: 'screen' });

    // Finally they sign out, and the caseload is out of reach again.
    await page.getByRole('button', { name: t('header.signOut') }).click();
    await heading(page, t('login.title'));
    await page.goto(server.url);
    await heading(page, t('login.title'));

    expect(problems).toEqual([]);
    await context.close();
  });

  it('adds a patient and starts a course', async () => {
    const { context, page, problems } = await signedInPage();
    await page.goto(`${server.url}/login`);
    await signIn(page);
    await heading(page, t('caseload.title'));

    // First, the form says what is missing, next to the field.
    await page.getByRole('link', { name: t('caseload.add') }).click();
    await heading(page, t('addPatient.title'));
    await page.getByRole('button', { name: t('addPatient.submit') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: t('form.fixErrors') })
      .waitFor();
    expect(await page.getByLabel(t('addPatient.displayName')).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'add patient with errors');
    await shot(page, 'add-patient-errors');

    // Then, filled in, it creates the patient and opens their page, with no course yet.
    await page.getByLabel(t('addPatient.displayName')).fill('Rowan (test)');
    await page.getByLabel(t('addPatient.yearOfBirth')).fill('1984');
    await page.getByLabel(t('addPatient.pronouns')).fill('they/them');
    await page.getByRole('button', { name: t('addPatient.submit') }).click();
    await heading(page, 'Rowan (test)');
    await page.getByRole('heading', { name: t('startCourse.heading') }).waitFor();
    await expectAccessible(page, 'new patient');

    // Starting a 12-session IPTUK course draws the strip: IPTUK gives four initial and four termination sessions.
    await page.getByLabel(t('startCourse.preset')).selectOption('iptuk');
    await page.getByLabel(t('startCourse.planned')).fill('12');
    await page.getByRole('button', { name: t('startCourse.submit') }).click();
    await page.locator('[data-session="1"][data-state="next"]').waitFor();
    expect(await page.locator('.strip-cells > li').count()).toBe(12);
    await page.getByText(t('strip.range', { from: 5, to: 8 })).waitFor();
    await expectAccessible(page, 'new course');
    await shot(page, 'new-course');

    // Five sessions in, still in the initial phase: the course says so in words, and so does the caseload.
    for (let n = 1; n <= 5; n++) {
      expect(await page.getByLabel(t('record.number')).inputValue()).toBe(String(n));
      await page.getByRole('button', { name: t('record.submit') }).click();
      await page.locator(`[data-session="${n}"][data-state="attended"]`).waitFor();
    }
    const flags = page.getByRole('list', { name: t('flag.listLabel') });
    await flags.getByText(t('flag.initial-phase-long')).waitFor();
    await flags.getByText(t('flag.phase-behind')).waitFor();

    // A session recorded past the plan is drawn beyond it, and the course is flagged as overrunning.
    await page.getByLabel(t('record.number')).fill('13');
    await page.getByLabel(t('record.attendance')).selectOption('no-show');
    await page.getByRole('button', { name: t('record.submit') }).click();
    await page.locator('[data-session="13"][data-state="no-show"]').waitFor();
    await page.getByText(t('phase.beyondPlan'), { exact: true }).waitFor();
    await flags.getByText(t('flag.overrun')).waitFor();
    await shot(page, 'course-flags');
    await expectAccessible(page, 'flagged course');

    await page
      .getByRole('navigation')
      .getByRole('link', { name: t('nav.caseload') })
      .click();
    const rowan = page.getByRole('row').filter({ hasText: 'Rowan (test)' });
    await rowan.getByText(t('flag.overrun')).waitFor();
    await rowan.getByText(t('progress.sessionOf', { n: 13, planned: 12 })).waitFor();
    await shot(page, 'caseload-flags');
    await expectAccessible(page, 'caseload with flags');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses a phase move made against a stale course and shows the current one', async () => {
    const { context, page, problems } = await signedInPage();
    await page.goto(`${server.url}/login`);
    await signIn(page);
    await page.getByRole('link', { name: 'Joy (demo)' }).click();
    await heading(page, 'Joy (demo)');
    await page.getByRole('heading', { name: t('move.heading') }).waitFor();

    // Meanwhile a colleague moves the same course on, through the API.
    let cookie = '';
    const colleague = createClient({
      baseUrl: server.url,
      headers: (): Record<string, string> => (cookie ? { cookie } : {}),
      onResponse: (res) => {
        const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
        if (set.length > 0) cookie = set.join('; ');
      },
    });
    await colleague.login({ body: { email: clinicianEmail, password } });
    const patientId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const joy = await colleague.getPatient({ params: { patientId } });
    const course = joy.courses.find((c) => c.course.status === 'active');
    if (!course) throw new Error('Joy (demo) has no active course.');
    const allowed = allowedNextPhases(course.course.phase);
    const to = allowed.find((p) => p !== 'ended') ?? allowed[0];
    if (!to) throw new Error('The demo course cannot move phase.');
    await colleague.createPhaseTransition({
      params: { courseId: course.course.id },
      body: { to, reason: 'Agreed in supervision.' },
      ifMatch: course.course.version,
    });

    // The clinician's own move, made on the page they read before, is refused and the page catches up.
    await page.getByLabel(t('move.reason')).fill('The interpersonal inventory is complete.');
    await page.getByRole('button', { name: t('move.submit') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: t('move.conflict') })
      .waitFor();
    await page.getByText('Agreed in supervision.').waitFor();
    await expectAccessible(page, 'phase conflict');
    await shot(page, 'phase-conflict');

    expect(problems).toEqual([]);
    await context.close();
  });
});

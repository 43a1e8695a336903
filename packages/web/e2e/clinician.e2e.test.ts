/**
 * The clinician's day, end to end: the real server on a fresh data directory with the demo clinic, the built web
 * app, and Debian's Chromium. Every page visited is scanned by axe and must have no violations.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { createClient } from '@ipt/contract';
import { allowedNextPhases } from '@ipt/core';
import { startServer } from '@ipt/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';

const webRoot = fileURLToPath(new URL('../dist', import.meta.url));
const screenshots = fileURLToPath(new URL('../test-results/screenshots', import.meta.url));
const clinicianEmail = 'clinician@demo.ipt.example';

type Server = Awaited<ReturnType<typeof startServer>>;

/** Chromium logs every non-2xx fetch; a 401 before signing in (and for a wrong password) is expected. */
const expectedConsole = /Failed to load resource: the server responded with a status of (401|409)/;

async function expectAccessible(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('the clinician web client', () => {
  let dataDir: string;
  let server: Server;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ipt-e2e-'));
    await mkdir(screenshots, { recursive: true });
    server = await startServer({
      // The embedded SQLite file in a fresh directory, whatever DATABASE_URL the shell has.
      env: { IPT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
      demo: true,
      webRoot,
    });
    const login = server.demoLogins.find((l) => l.email === clinicianEmail);
    if (!login) throw new Error(`The demo clinic has no ${clinicianEmail}.`);
    password = login.password;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function signedInPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !expectedConsole.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    return { context, page, problems };
  }

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
    await page.screenshot({ path: path.join(screenshots, 'sign-in-failed.png'), fullPage: true });

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
    await page.screenshot({ path: path.join(screenshots, 'caseload.png'), fullPage: true });
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
    await page.screenshot({ path: path.join(screenshots, 'patient.png'), fullPage: true });
    await expectAccessible(page, 'patient');

    // On a phone-sized screen the page reflows rather than scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(screenshots, 'patient-narrow.png'), fullPage: true });
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
    await page.screenshot({ path: path.join(screenshots, 'patient-after-recording.png'), fullPage: true });
    await expectAccessible(page, 'patient after recording');

    // Printing shows the record without the forms.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: t('record.submit') }).isVisible()).toBe(false);
    await page.screenshot({ path: path.join(screenshots, 'patient-print.png'), fullPage: true });
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
    await page.screenshot({ path: path.join(screenshots, 'add-patient-errors.png'), fullPage: true });

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
    await page.screenshot({ path: path.join(screenshots, 'new-course.png'), fullPage: true });

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
    await page.screenshot({ path: path.join(screenshots, 'course-flags.png'), fullPage: true });
    await expectAccessible(page, 'flagged course');

    await page
      .getByRole('navigation')
      .getByRole('link', { name: t('nav.caseload') })
      .click();
    const rowan = page.getByRole('row').filter({ hasText: 'Rowan (test)' });
    await rowan.getByText(t('flag.overrun')).waitFor();
    await rowan.getByText(t('progress.sessionOf', { n: 13, planned: 12 })).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'caseload-flags.png'), fullPage: true });
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
    await page.screenshot({ path: path.join(screenshots, 'phase-conflict.png'), fullPage: true });

    expect(problems).toEqual([]);
    await context.close();
  });
});

/**
 * Two-step sign-in end to end (issue 11, part 3; docs/decisions/0019-mfa.md), on the real server with the demo clinic,
 * the built app and Chromium: a clinician sets up an authenticator app from the header (the QR code, the key, a code
 * computed here from the key with otplib, the recovery codes), signs in again in two steps, and turns it off with a
 * recovery code; a clinician of an organisation that requires it is sent to set up an app before the caseload; and
 * the sign-in page says the server's wait after too many tries. Every state is scanned by axe.
 */
import { Role } from '@ipt/core';
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { decodeQR } from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';
import {
  clinicianEmail,
  desktop,
  expectAccessible,
  heading,
  openPage,
  shot,
  signIn,
  useWorld,
  type World,
} from './support.js';

/** Chromium logs every non-2xx fetch: a 401 before signing in, a wrong code's 422, the wait's 429. */
const expectedStatuses = /401|422|429/;

/**
 * The code the app shows for the next time step: inside the server's ±1 step window, and later than the step of any
 * code used before now (the server accepts each step once).
 */
const nextCode = (secret: string) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

const isFocused = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/** The QR code on the page, drawn by the browser onto a canvas and read back by `qr`'s decoder. */
async function readQr(page: Page): Promise<string> {
  const size = 300;
  const pixels = await page.getByRole('img', { name: t('mfa.qrLabel') }).evaluate(async (svg, side) => {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const drawing = canvas.getContext('2d');
    if (!drawing) throw new Error('no 2d canvas');
    drawing.drawImage(image, 0, 0, side, side);
    return Array.from(drawing.getImageData(0, 0, side, side).data);
  }, size);
  return decodeQR({ width: size, height: size, data: Uint8Array.from(pixels) });
}

/** Signs in with the password: the second step (or the setup) follows on the same page. */
async function password(page: Page, world: World, email: string, pass = world.password) {
  await page.goto(`${world.server.url}/login`);
  await page.getByLabel(t('login.email')).fill(email);
  await page.getByLabel(t('login.password')).fill(pass);
  await page.getByRole('button', { name: t('login.submit') }).click();
}

/** Sets up the app on the page showing the setup: answers the key and the recovery codes. */
async function setUp(page: Page, where: string) {
  await page.getByRole('button', { name: t('mfa.start') }).click();
  await page.getByRole('heading', { name: t('mfa.scanTitle') }).waitFor();
  expect(await focusedText(page)).toBe(t('mfa.scanTitle'));
  const key = (await page.locator('.secret-key code').textContent()) ?? '';
  expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  const secret = key.replace(/ /g, '');
  // The QR code, as the browser draws it, reads back as the setup link that carries the key.
  const uri = (await page.locator('.otpauth-uri code').textContent()) ?? '';
  expect(uri).toContain(`secret=${secret}`);
  expect(await readQr(page)).toBe(uri);
  await shot(page, `mfa-${where}-scan`);
  await expectAccessible(page, `${where}: scan`);

  // A wrong code is said at its field, and focus goes there.
  const code = page.getByLabel(t('login.code'), { exact: true });
  expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
  expect(await code.getAttribute('inputmode')).toBe('numeric');
  await code.fill('12345');
  await page.getByRole('button', { name: t('mfa.confirm') }).click();
  await page.getByText('Enter the 6-digit code your authenticator app shows now.').waitFor();
  expect(await isFocused(page, t('login.code'))).toBe(true);

  await code.fill(generateSync({ secret }));
  await page.getByRole('button', { name: t('mfa.confirm') }).click();
  await page.getByRole('heading', { name: t('mfa.codesTitle') }).waitFor();
  expect(await focusedText(page)).toBe(t('mfa.codesTitle'));
  const items = page.getByRole('list', { name: t('mfa.codesList') }).getByRole('listitem');
  expect(await items.count()).toBe(10);
  const recoveryCodes = await items.allTextContents();
  await shot(page, `mfa-${where}-codes`);
  await expectAccessible(page, `${where}: recovery codes`);
  // Not before they are saved.
  await page.getByRole('button', { name: t('mfa.continue') }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: t('mfa.codesNotSaved') })
    .waitFor();
  await page.getByLabel(t('mfa.codesSaved')).check();
  await page.getByRole('button', { name: t('mfa.continue') }).click();
  return { secret, recoveryCodes };
}

describe('two-step sign-in in the web client', () => {
  const world = useWorld();

  it('is set up from the header, then asks for the code after the password, and is turned off again', async () => {
    const { server, browser } = world();
    const { context, page, problems } = await openPage(browser, desktop, expectedStatuses);
    await signIn(page, world());

    await page
      .getByRole('banner')
      .getByRole('link', { name: t('mfa.headerLink') })
      .click();
    await heading(page, t('mfa.title'));
    await page.getByText(t('mfa.off'), { exact: true }).waitFor();
    await expectAccessible(page, 'two-step page, off');
    const { secret, recoveryCodes } = await setUp(page, 'account');
    await page
      .getByRole('status')
      .filter({ hasText: t('mfa.turnedOn') })
      .waitFor();
    await page.getByText(t('mfa.codesLeft', { count: 10 })).waitFor();
    await expectAccessible(page, 'two-step page, on');

    // Signed out, the password alone is not enough: the code step follows, its field focused.
    await page.getByRole('button', { name: t('header.signOut') }).click();
    await heading(page, t('login.title'));
    await password(page, world(), clinicianEmail);
    await page.getByRole('heading', { name: t('login.codeTitle') }).waitFor();
    expect(await isFocused(page, t('login.code'))).toBe(true);
    const code = page.getByLabel(t('login.code'), { exact: true });
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    // The half-session reaches nothing else: the caseload still asks to sign in.
    expect((await page.context().request.get(`${server.url}/api/patients`)).status()).toBe(401);
    await shot(page, 'mfa-sign-in-code');
    await expectAccessible(page, 'sign-in: code');

    // A wrong code is said at the field; the right one opens the caseload.
    await code.fill('000000');
    await page.getByRole('button', { name: t('login.verify') }).click();
    await page.getByText(/That code did not work\./).waitFor();
    await expectAccessible(page, 'sign-in: wrong code');
    await code.fill(nextCode(secret));
    await page.getByRole('button', { name: t('login.verify') }).click();
    await heading(page, t('caseload.title'));

    // Turned off with the password and a recovery code (switching to it moves focus to its field).
    await page
      .getByRole('banner')
      .getByRole('link', { name: t('mfa.headerLink') })
      .click();
    await heading(page, t('mfa.title'));
    await page.getByLabel(t('mfa.password')).fill(world().password);
    await page.getByRole('button', { name: t('login.useRecovery') }).click();
    expect(await isFocused(page, t('login.recoveryCode'))).toBe(true);
    await page.getByLabel(t('login.recoveryCode'), { exact: true }).fill(recoveryCodes[0] ?? '');
    await expectAccessible(page, 'two-step page, turning off');
    await page.getByRole('button', { name: t('mfa.disable') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('mfa.turnedOff') })
      .waitFor();
    await page.getByText(t('mfa.off'), { exact: true }).waitFor();

    // One step again.
    await page.getByRole('button', { name: t('header.signOut') }).click();
    await heading(page, t('login.title'));
    await signIn(page, world());

    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends a clinician whose organisation requires it to set up an app first, then takes a recovery code', async () => {
    const { server, browser } = world();
    const { services } = server.workbench;
    const clinic = await services.people.createOrganisation('Two-step clinic (e2e)', { mfaRequired: true });
    const email = 'required@two-step.example';
    await services.people.insert({
      organisationId: clinic.id,
      email,
      displayName: 'Dr Two-Step',
      role: Role.clinician,
      password: world().password,
    });
    const { context, page, problems } = await openPage(browser, desktop, expectedStatuses);

    await password(page, world(), email);
    await page.getByRole('heading', { level: 2, name: t('login.enrolTitle') }).waitFor();
    expect(await focusedText(page)).toBe(t('login.enrolTitle'));
    await page.getByText(t('login.enrolIntro')).waitFor();
    await shot(page, 'mfa-required-setup');
    await expectAccessible(page, 'sign-in: set up first');
    const { recoveryCodes } = await setUp(page, 'sign-in');
    await heading(page, t('caseload.title'));

    // The next sign-in: a recovery code instead of the app's code.
    await page.getByRole('button', { name: t('header.signOut') }).click();
    await heading(page, t('login.title'));
    await password(page, world(), email);
    await page.getByRole('heading', { name: t('login.codeTitle') }).waitFor();
    await page.getByRole('button', { name: t('login.useRecovery') }).click();
    expect(await isFocused(page, t('login.recoveryCode'))).toBe(true);
    await page.getByText(t('login.recoveryIntro')).waitFor();
    await expectAccessible(page, 'sign-in: recovery code');
    await page.getByLabel(t('login.recoveryCode'), { exact: true }).fill(recoveryCodes[3] ?? '');
    await page.getByRole('button', { name: t('login.verify') }).click();
    await heading(page, t('caseload.title'));

    // Required: the account page says it cannot be turned off, and offers no way to.
    await page
      .getByRole('banner')
      .getByRole('link', { name: t('mfa.headerLink') })
      .click();
    await page.getByText(t('mfa.required')).waitFor();
    expect(await page.getByRole('button', { name: t('mfa.disable') }).count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('says how long to wait after too many tries, in the server’s seconds', async () => {
    const { server, browser } = world();
    const email = 'waits@demo.ipt.example';
    await server.workbench.services.people.insert({
      organisationId:
        (await server.workbench.services.people.findOrganisationByName('Demo clinic (fictional)'))?.id ?? '',
      email,
      displayName: 'Waits (demo)',
      role: Role.clinician,
      password: world().password,
    });
    // Wrong passwords from this address, each after the last one's wait, until the wait is 8 seconds long.
    const wrong = () =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'not the password' }),
      });
    for (let i = 1; i <= 8; i++) {
      expect((await wrong()).status).toBe(401);
      // Five are free; the fifth starts a wait of 1 s, doubling with each further one. The eighth's is not sat out.
      if (i >= 5 && i < 8) await new Promise((r) => setTimeout(r, 2 ** (i - 5) * 1000 + 100));
    }

    const { context, page, problems } = await openPage(browser, desktop, expectedStatuses);
    await password(page, world(), email);
    const alert = page.getByRole('alert').filter({ hasText: /^Too many attempts: try again in \d+ seconds?\.$/ });
    await alert.waitFor();
    const seconds = Number(/(\d+) second/.exec((await alert.textContent()) ?? '')?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(8);
    expect(await page.getByText(t('login.failed')).count()).toBe(0);
    await shot(page, 'sign-in-wait');
    await expectAccessible(page, 'sign-in: wait');

    expect(problems).toEqual([]);
    await context.close();
  });
});

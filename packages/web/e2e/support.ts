/**
 * What every end-to-end story needs: the real server on a fresh data directory with the demo clinic and the built
 * app, Debian's Chromium, an axe scan that must find nothing, and a console that must stay clean.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Client, createClient } from '@ipt/contract';
import { startServer } from '@ipt/server';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { t } from '../src/i18n/t.js';

export const webRoot = fileURLToPath(new URL('../dist', import.meta.url));
export const screenshots = fileURLToPath(new URL('../test-results/screenshots', import.meta.url));
export const clinicianEmail = 'clinician@demo.ipt.example';

export type Server = Awaited<ReturnType<typeof startServer>>;

export interface World {
  readonly server: Server;
  readonly browser: Browser;
  readonly password: string;
  close(): Promise<void>;
}

/** `env`: more of the server's environment (a mail server, say), read when the world starts. */
export async function startWorld(options: { env?: () => Record<string, string> } = {}): Promise<World> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ipt-e2e-'));
  await mkdir(screenshots, { recursive: true });
  const server = await startServer({
    // The embedded SQLite file in a fresh directory, whatever DATABASE_URL the shell has.
    env: { IPT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...options.env?.() },
    demo: true,
    webRoot,
  });
  const login = server.demoLogins.find((l) => l.email === clinicianEmail);
  if (!login) throw new Error(`The demo clinic has no ${clinicianEmail}.`);
  const browser = await chromium.launch({
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
  return {
    server,
    browser,
    password: login.password,
    async close() {
      await browser.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      // The audit key the server made beside the data dir (docs/decisions/0016).
      await rm(`${dataDir}.audit-key`, { force: true });
    },
  };
}

/** A world for the tests of one `describe`: started before the first, closed after the last; read it inside a test. */
export function useWorld(options: { env?: () => Record<string, string> } = {}): () => World {
  let world: World | undefined;
  beforeAll(async () => {
    world = await startWorld(options);
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error('The e2e world has not started.');
    return world;
  };
}

export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-GB' };
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-GB',
};

/**
 * A fresh browser context (no cookies) and its page. Console errors other than the expected failed fetches are
 * collected, and so is any Content-Security-Policy violation, which must never happen.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions, expectedStatuses: RegExp) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  const expected = new RegExp(
    `Failed to load resource: the server responded with a status of (${expectedStatuses.source})`,
  );
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    else if (m.type() === 'error' && !expected.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // The console names only the status of a failed request: name the request and the server's answer too.
  page.on('response', async (r) => {
    const status = String(r.status());
    if (r.status() < 400 || new RegExp(`^(${expectedStatuses.source})$`).test(status)) return;
    const body = await r.text().catch(() => '');
    problems.push(`HTTP ${status} ${r.request().method()} ${new URL(r.url()).pathname}: ${body.slice(0, 400)}`);
  });
  return { context, page, problems };
}

export async function expectAccessible(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

export async function heading(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

export async function signIn(page: Page, world: World) {
  await page.goto(`${world.server.url}/login`);
  await page.getByLabel(t('login.email')).fill(clinicianEmail);
  await page.getByLabel(t('login.password')).fill(world.password);
  await page.getByRole('button', { name: t('login.submit') }).click();
  await heading(page, t('caseload.title'));
}

export const shotPath = (name: string) => path.join(screenshots, `${name}.png`);

/** A full-page screenshot, to look at: test-results/screenshots/NAME.png. */
export const shot = (page: Page, name: string) => page.screenshot({ path: shotPath(name), fullPage: true });

/**
 * The typed API client of the contract, calling through the page's browser context: with its session cookie, as the
 * signed-in user's browser would. For setting up what a story needs faster than through the screens.
 */
export function browserClient(page: Page): Client {
  return createClient({
    baseUrl: new URL(page.url()).origin,
    fetch: async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
      const response = await page.context().request.fetch(url, {
        method: init?.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init?.headers)),
        ...(typeof init?.body === 'string' && { data: init.body }),
      });
      const body = response.status() === 204 ? null : new Uint8Array(await response.body());
      return new Response(body, { status: response.status(), headers: response.headers() });
    },
  });
}

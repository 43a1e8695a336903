/**
 * A fast, light client (issue 11, part 7; ADR 0018), as the browser meets it: the built app from the real server.
 * Its scripts come brotli-compressed and kept a year, the page revalidated, no source map anywhere; the sign-in page
 * and the caseload load neither zod nor the chart library, which arrive only with a form's check and a chart.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';
import { clinicianEmail, desktop, heading, openPage, useWorld, webRoot } from './support.js';

/** Chromium logs every non-2xx fetch: a 401 before signing in, and the 404s asked for on purpose. */
const expectedStatuses = /401|404/;

/** Text only zod's code carries (its error class's name), and only Observable Plot's (its class prefix). */
const zodMark = 'ZodError';
const plotMark = 'plot-d6a7b5';

interface Script {
  readonly path: string;
  readonly encoding: string | undefined;
  readonly cacheControl: string | undefined;
  readonly text: string;
}

/** Every script the page loads from now on, with its headers and (decoded) text. */
function collectScripts(page: Page) {
  const pending: Promise<Script>[] = [];
  page.on('response', (r: Response) => {
    const url = new URL(r.url());
    if (!url.pathname.endsWith('.js')) return;
    pending.push(
      (async () => {
        const headers = await r.allHeaders();
        return {
          path: url.pathname,
          encoding: headers['content-encoding'],
          cacheControl: headers['cache-control'],
          text: (await r.body()).toString('utf8'),
        };
      })(),
    );
  });
  /** The scripts loaded so far, and forgets them. */
  return async () => Promise.all(pending.splice(0));
}

describe('the light client', () => {
  const world = useWorld();

  it('builds no source map, and the server answers one asked for 404', async () => {
    const files = fs.readdirSync(path.join(webRoot, 'assets'));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const script = files.find((f) => f.endsWith('.js'));
    expect(script).toBeDefined();
    const { context } = await openPage(world().browser, desktop, expectedStatuses);
    try {
      const res = await context.request.get(`${world().server.url}/assets/${script}.map`);
      expect(res.status()).toBe(404);
    } finally {
      await context.close();
    }
  });

  it('signs in and shows the caseload with compressed, long-kept scripts, none of them zod or the chart', async () => {
    const { context, page, problems } = await openPage(world().browser, desktop, expectedStatuses);
    try {
      const scripts = collectScripts(page);
      const document = await page.goto(`${world().server.url}/login`);
      expect(document?.status()).toBe(200);
      expect(document?.headers()['cache-control']).toBe('no-cache');
      await heading(page, t('login.title'));
      await page.waitForLoadState('networkidle');

      const signIn = await scripts();
      expect(signIn.length).toBeGreaterThan(0);
      for (const s of signIn) {
        expect(s.path, s.path).toMatch(/^\/assets\//);
        expect(s.encoding, s.path).toBe('br');
        expect(s.cacheControl, s.path).toBe('public, max-age=31536000, immutable');
      }
      const names = (list: readonly Script[]) => list.map((s) => s.path);
      expect(names(signIn).filter((p) => /\/(zod|MeasureChart)-/.test(p))).toEqual([]);
      expect(signIn.filter((s) => s.text.includes(zodMark) || s.text.includes(plotMark)).map((s) => s.path)).toEqual(
        [],
      );

      // Signing in checks only that both fields are given: no schema, no zod.
      await page.getByLabel(t('login.email')).fill(clinicianEmail);
      await page.getByLabel(t('login.password')).fill(world().password);
      await page.getByRole('button', { name: t('login.submit') }).click();
      await heading(page, t('caseload.title'));
      await page.waitForLoadState('networkidle');
      const caseload = (await scripts()).filter((s) => !names(signIn).includes(s.path));
      expect(caseload.length).toBeGreaterThan(0);
      for (const s of caseload) expect(s.encoding, s.path).toBe('br');
      expect(names(caseload).filter((p) => /\/(zod|MeasureChart)-/.test(p))).toEqual([]);
      expect(caseload.filter((s) => s.text.includes(zodMark) || s.text.includes(plotMark)).map((s) => s.path)).toEqual(
        [],
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('loads the chart library with the chart, and zod once a form is used', async () => {
    const { context, page, problems } = await openPage(world().browser, desktop, expectedStatuses);
    try {
      const scripts = collectScripts(page);
      await page.goto(`${world().server.url}/login`);
      await page.getByLabel(t('login.email')).fill(clinicianEmail);
      await page.getByLabel(t('login.password')).fill(world().password);
      await page.getByRole('button', { name: t('login.submit') }).click();
      await heading(page, t('caseload.title'));
      await page.getByRole('link', { name: 'Joy (demo)' }).first().click();
      await heading(page, 'Joy (demo)');
      await page.locator('.measure-chart svg').first().waitFor();
      await page.waitForLoadState('networkidle');
      const patient = await scripts();
      expect(patient.filter((s) => s.text.includes(plotMark)).length).toBe(1);
      expect(patient.filter((s) => s.text.includes(zodMark)).map((s) => s.path)).toEqual([]);

      // A session recorded with no number: the contract's schemas and zod come with the form's first focus, and the
      // form says what is wrong.
      const form = page.locator('form', { has: page.getByLabel(t('record.number')) });
      await form.getByLabel(t('record.number')).fill('');
      await form.getByRole('button', { name: t('record.submit') }).click();
      await expect.poll(() => form.getByLabel(t('record.number')).getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => form.getByText(t('form.fixErrors')).count()).toBeGreaterThan(0);
      const checked = await scripts();
      expect(checked.filter((s) => s.text.includes(zodMark)).length).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

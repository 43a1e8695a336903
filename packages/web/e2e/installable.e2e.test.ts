/**
 * Installable on a phone (issue 12, part 8): the sign-in page names a web app manifest, a theme colour, an icon and
 * an apple-touch-icon; the server sends the manifest as a manifest, Chromium reads it without a complaint, and each
 * icon it names is a PNG of the size it claims (read from the PNG's own header); Chromium finds the page installable.
 * Nothing breaks the Content-Security-Policy on the way, and the large icon, shown by the page, can be read.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';
import { heading, openPage, phone, shot, useWorld } from './support.js';

/** The sign-in page asks who is signed in: a 401 before signing in. */
const expectedStatuses = /401/;

interface Manifest {
  readonly id: string;
  readonly name: string;
  readonly short_name: string;
  readonly start_url: string;
  readonly scope: string;
  readonly display: string;
  readonly background_color: string;
  readonly theme_color: string;
  readonly lang: string;
  readonly icons: readonly { readonly src: string; readonly sizes: string; readonly type: string; purpose: string }[];
}

/** A file fetched by the page itself (same origin, the page's CSP): its status, content type and leading bytes. */
async function fetchFromPage(page: Page, href: string) {
  return page.evaluate(async (url) => {
    const r = await fetch(url);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return {
      status: r.status,
      contentType: r.headers.get('content-type'),
      text: new TextDecoder().decode(bytes),
      head: Array.from(bytes.subarray(0, 33)),
    };
  }, href);
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, which must come first (after the 8-byte signature and its length). */
function pngSize(head: readonly number[]): { width: number; height: number } {
  expect(head.slice(0, 8), 'PNG signature').toEqual(pngSignature);
  const bytes = Buffer.from(head);
  expect(bytes.toString('ascii', 12, 16), 'first chunk').toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function expectPng(page: Page, href: string, sizes: string) {
  const icon = await fetchFromPage(page, href);
  expect(icon.status, href).toBe(200);
  expect(icon.contentType, href).toBe('image/png');
  const { width, height } = pngSize(icon.head);
  expect(`${width}x${height}`, href).toBe(sizes);
}

describe('installable on a phone', () => {
  const world = useWorld();

  it('names a manifest the server sends as one, with a theme colour and PNG icons of the sizes it claims', async () => {
    const { context, page, problems } = await openPage(world().browser, phone, expectedStatuses);
    const origin = world().server.url;
    await page.goto(`${origin}/login`);
    await heading(page, t('login.title'));

    const head = await page.evaluate(() => {
      const attr = (selector: string, name: string) => document.querySelector(selector)?.getAttribute(name) ?? null;
      return {
        manifest: attr('link[rel=manifest]', 'href'),
        themeColor: attr('meta[name=theme-color]', 'content'),
        icon: attr('link[rel=icon]', 'href'),
        iconSizes: attr('link[rel=icon]', 'sizes'),
        appleTouchIcon: attr('link[rel=apple-touch-icon]', 'href'),
      };
    });
    expect(head.manifest).toBe('/manifest.webmanifest');
    expect(head.themeColor).toBe('#1d5c8a');
    expect(head.appleTouchIcon).toBe('/icons/apple-touch-icon.png');
    expect(head.icon).toMatch(/^\/icons\/.+\.png$/);

    // The manifest, as the page fetches it: sent as a web app manifest, and what it says.
    const served = await fetchFromPage(page, head.manifest ?? '');
    expect(served.status).toBe(200);
    expect(served.contentType).toMatch(/^application\/manifest\+json\b/);
    const manifest = JSON.parse(served.text) as Manifest;
    expect(manifest).toMatchObject({
      name: 'IPT Workbench',
      short_name: 'IPT',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#f4f5f7',
      theme_color: '#1d5c8a',
      lang: 'en',
    });
    expect(manifest.theme_color).toBe(head.themeColor);
    expect(manifest.icons.map((i) => [i.sizes, i.purpose])).toEqual([
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['512x512', 'maskable'],
    ]);

    // Every icon named, the page's own included: a PNG, its header's size the one claimed.
    for (const icon of manifest.icons) {
      expect(icon.type).toBe('image/png');
      await expectPng(page, icon.src, icon.sizes);
    }
    await expectPng(page, head.appleTouchIcon ?? '', '180x180');
    await expectPng(page, head.icon ?? '', head.iconSizes ?? '');

    // Chromium's own reading of the manifest: found at the address named, with no error or warning in it, and the
    // page installable by Chromium's checks (display, icons of at least 144 px, start URL in scope, ...). The one
    // thing it holds against the page is the test's browser context: off the record, as every new context is.
    const cdp = await context.newCDPSession(page);
    const read = await cdp.send('Page.getAppManifest', {});
    expect(read.url).toBe(`${origin}/manifest.webmanifest`);
    expect(read.errors).toEqual([]);
    expect(read.data).toBeDefined();
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors', {});
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    await cdp.detach();

    // The large icon, shown by the sign-in page itself on the app's background (img-src 'self'), to look at:
    // test-results/screenshots. (Opening the PNG's address instead shows Chromium's own image viewer, whose inline
    // styles the server's CSP blocks, as it should.)
    const src = manifest.icons[1]?.src ?? '';
    const shown = await page.evaluate(async (url) => {
      const img = document.createElement('img');
      img.src = url;
      img.alt = 'IPT Workbench';
      img.width = 256;
      img.height = 256;
      const root = document.getElementById('root');
      if (root) root.hidden = true;
      document.body.append(img);
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    }, src);
    expect(shown).toEqual({ width: 512, height: 512 });
    await shot(page, 'installable-icon-512');

    expect(problems).toEqual([]);
    await context.close();
  });
});

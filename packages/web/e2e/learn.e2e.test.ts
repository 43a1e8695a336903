/**
 * "Learn about IPT" (issue 12, part 5), end to end: someone with no account follows the link on the sign-in page on
 * a phone, reads the list of pages, opens one, goes on to the next, and finds the crisis words on every page; a page
 * that does not exist says so and leads back. Nothing asks who is signed in, no page scrolls sideways, axe finds
 * nothing, and the pages print as text (no navigation chrome needed to follow them).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';
import { learnTopicsEn } from '../src/learn/topics.en.js';
import { desktop, expectAccessible, heading, openPage, phone, shot, useWorld } from './support.js';

/** No request of the pages about IPT may fail: they do not even ask who is signed in. */
const noFailures = /(?!)/;

async function noSidewaysScroll(page: Page, where: string) {
  const w = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(w.scrollWidth, `${where}: no sideways scroll`).toBeLessThanOrEqual(w.innerWidth);
}

describe('learn about IPT', () => {
  const world = useWorld();

  it('is read on a phone without an account: the list, a page, the next page, the crisis words on each', async () => {
    // The sign-in page asks who is signed in (a 401 here); the pages about IPT ask nothing (checked below).
    const { context, page, problems } = await openPage(world().browser, phone, /401/);
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) apiCalls.push(url.pathname);
    });

    await page.goto(`${world().server.url}/login`);
    await heading(page, t('login.title'));
    apiCalls.length = 0; // the sign-in page asks who is signed in; the pages about IPT do not
    await page.getByRole('link', { name: t('login.learn') }).click();
    await heading(page, t('learn.title'));
    const topics = page.getByRole('list').first().getByRole('listitem');
    expect(await topics.count()).toBe(learnTopicsEn.length);
    expect(await topics.getByRole('link').allInnerTexts()).toEqual(learnTopicsEn.map((x) => x.title));
    expect(await topics.locator('p').allInnerTexts()).toEqual(learnTopicsEn.map((x) => x.summary));
    await page.getByRole('heading', { level: 2, name: t('crisis.heading') }).waitFor();
    await page.getByText(t('crisis.dangerNow')).waitFor();
    await noSidewaysScroll(page, 'list');
    await expectAccessible(page, 'learn list');
    await shot(page, 'learn-phone-list');

    await page.getByRole('link', { name: 'The four areas IPT works on' }).click();
    await heading(page, 'The four areas IPT works on');
    const sections = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(sections).toEqual([
      'Grief',
      'Disagreements with someone important',
      'Life changes',
      'Loneliness, or finding relationships hard',
      t('crisis.heading'),
    ]);
    await noSidewaysScroll(page, 'four areas');
    await expectAccessible(page, 'learn: four areas');
    await shot(page, 'learn-phone-four-areas');

    await page.getByRole('link', { name: 'The three parts of IPT' }).click();
    await heading(page, 'The three parts of IPT');
    await page.getByRole('heading', { level: 2, name: /Ending/ }).waitFor();
    await page.getByRole('link', { name: t('learn.all') }).click();
    await heading(page, t('learn.title'));

    expect(apiCalls, 'the pages about IPT ask the server nothing').toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens every page directly on a desktop, and says so kindly when a page does not exist', async () => {
    const { context, page, problems } = await openPage(world().browser, desktop, noFailures);
    for (const topic of learnTopicsEn) {
      await page.goto(`${world().server.url}/learn/${topic.id}`);
      await heading(page, topic.title);
      await page.getByText(t('crisis.notAlone')).waitFor();
      expect(await page.title()).toContain(topic.title);
    }
    await expectAccessible(page, 'learn: last page');
    await page.goto(`${world().server.url}/learn/no-such-page`);
    await heading(page, t('learn.notFound'));
    await page.getByRole('link', { name: t('learn.all') }).click();
    await heading(page, t('learn.title'));
    expect(problems).toEqual([]);
    await context.close();
  });
});

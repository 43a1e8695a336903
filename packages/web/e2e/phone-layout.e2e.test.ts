/**
 * Phone-sized and desktop layouts, end to end (issue 10): the caseload, the patient page, the initial and middle
 * phases and the ending of a new fictional perinatal case and of the demo clinic's Joy, at 390×844 (a phone) and
 * 1280×800. No page scrolls sideways: the document is no wider than the window, and on the phone the window stays
 * 390 px wide (a mobile browser widens its layout to fit overflowing content, which would hide the overflow). On
 * the phone the caseload is a card per patient with the phase, the next session and the measures due in view.
 *
 * Lina (fictional), 33: postnatal depression since October, after her daughter Noor was born in September; rows
 * with her partner Sami about the night feeds; back to work at the library planned for March. Held weekly, EPDS
 * at the first, fourth and eighth sessions, moved to termination after the eighth of twelve.
 */
import type { Client } from '@ipt/contract';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';
import {
  browserClient,
  desktop,
  expectAccessible,
  heading,
  openPage,
  phone,
  shot,
  signIn,
  useWorld,
} from './support.js';

const expectedStatuses = /401/;
const wide: BrowserContextOptions = { ...desktop, viewport: { width: 1280, height: 800 } };
const day = 86_400_000;
const isoDaysAgo = (n: number) => new Date(Date.now() - n * day).toISOString().slice(0, 10);
const monthsFromNow = (n: number) => {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + n, 15));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
};

/**
 * EPDS answers as option positions for the given item weights: items 1, 2 and 4 score down the page, the others up
 * (DOMAIN §9.4). Item 10 (thoughts of self-harm) is answered "never" in this story.
 */
function epdsAnswers(weights: readonly number[]): number[] {
  return weights.map((w, i) => ([0, 1, 3].includes(i) ? w : 3 - w));
}

/** Lina's course as the clinic's records would hold it after eight weekly sessions. Resolves to her patient id. */
async function linasCourse(api: Client): Promise<string> {
  const patient = await api.createPatient({
    body: { displayName: 'Lina (test)', yearOfBirth: 1993, pronouns: 'she/her' },
  });
  const start = isoDaysAgo(8 * 7);
  const weekday = ((new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const { course } = await api.createCourse({
    params: { patientId: patient.id },
    body: {
      schoolPreset: 'iptuk',
      perinatal: true,
      plannedSessions: 12,
      schedule: { weekday, time: '09:30' },
      startDate: start,
    },
  });
  const courseId = course.id;
  const epds = (await api.listInstruments({})).find((i) => i.id === 'epds');
  if (!epds) throw new Error('The registry has no EPDS.');
  const scores: Record<number, number[]> = {
    1: [2, 2, 2, 2, 2, 1, 2, 2, 1, 0],
    4: [2, 1, 2, 1, 2, 1, 1, 1, 1, 0],
    8: [1, 1, 1, 1, 1, 0, 1, 0, 0, 0],
  };
  let version = course.version;
  for (let n = 1; n <= 8; n++) {
    const session = await api.createSession({
      params: { courseId },
      body: { date: isoDaysAgo(8 * 7 - (n - 1) * 7), attendance: 'attended', note: n === 1 ? 'Noor came too.' : '' },
    });
    const weights = scores[n];
    if (weights) {
      await api.createAdministration({
        params: { courseId },
        body: {
          instrumentId: 'epds',
          instrumentVersion: epds.version,
          answers: epdsAnswers(weights),
          sessionId: session.id,
        },
      });
    }
    if (n === 3 || n === 8) {
      const to = n === 3 ? 'middle' : 'termination';
      const moved = await api.createPhaseTransition({
        params: { courseId },
        body: {
          to,
          reason: n === 3 ? 'Formulation agreed; gate overridden for the test.' : 'Four sessions left.',
          ...(n === 3 && { overrideGate: true }),
        },
        ifMatch: version,
      });
      version = moved.course.version;
    }
  }

  // The initial phase's records: the episode, the birth and the rows, the planned return to work, the people.
  await api.createEpisode({
    params: { courseId },
    body: { kind: 'current', type: 'depressive', start: monthsFromNow(-2) },
  });
  const sami = await api.createInventoryEntry({
    params: { courseId },
    body: { personName: 'Sami', relationship: 'partner', closenessRing: 1, positives: 'Kind with Noor' },
  });
  await api.createInventoryEntry({
    params: { courseId },
    body: { personName: 'Hana', relationship: 'sibling', closenessRing: 2 },
  });
  await api.createLifeEvent({
    params: { courseId },
    body: { date: monthsFromNow(-3), category: 'birth', description: 'Noor born, by emergency caesarean' },
  });
  await api.createLifeEvent({
    params: { courseId },
    body: {
      date: monthsFromNow(-2),
      category: 'dispute',
      personId: sami.id,
      description: 'Rows with Sami about the night feeds',
    },
  });
  await api.createLifeEvent({
    params: { courseId },
    body: { date: monthsFromNow(3), category: 'work', description: 'Back to work at the library', planned: true },
  });
  await api.putProblemArea({
    params: { courseId },
    body: {
      preset: 'weissman4',
      primary: { area: 'transition' },
      secondary: { area: 'dispute', disputeStage: 'renegotiation', personId: sami.id },
      rationale: 'Becoming a mother changed her days; the rows with Sami began with the night feeds.',
    },
    ifMatch: 0,
  });
  return patient.id;
}

/** The page's width against the window's: the document never wider, and the window the size it was opened at. */
async function widths(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

describe('phone-sized and desktop layouts', () => {
  const world = useWorld();

  it('shows the caseload, patient, initial, middle and ending pages without sideways scrolling', async () => {
    const found: string[] = [];
    let lina = '';
    let joy = '';
    for (const [size, options] of [
      ['phone', phone],
      ['desktop', wide],
    ] as const) {
      const { context, page, problems } = await openPage(world().browser, options, expectedStatuses);
      await signIn(page, world());
      if (lina === '') {
        lina = await linasCourse(browserClient(page));
        const joyHref = await page.getByRole('link', { name: 'Joy (demo)' }).first().getAttribute('href');
        joy = joyHref ?? '';
        await page.reload();
        await heading(page, t('caseload.title'));
      }
      const width = options.viewport?.width ?? 0;
      const pages: [string, string][] = [
        ['caseload', '/'],
        ['patient', `/patients/${lina}`],
        ['initial', `/patients/${lina}/initial`],
        ['middle', `/patients/${lina}/middle`],
        ['ending', `/patients/${lina}/ending`],
        ['ending-joy', `${joy}/ending`],
        ['patient-joy', joy],
      ];
      for (const [name, path] of pages) {
        await page.goto(`${world().server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const w = await widths(page);
        found.push(`${size} ${name}: scrollWidth ${w.scrollWidth}, innerWidth ${w.innerWidth}`);
        expect(w.innerWidth, `${size} ${name}: the window kept its width`).toBe(width);
        expect(w.scrollWidth, `${size} ${name}: no sideways scroll`).toBeLessThanOrEqual(w.innerWidth);
        await shot(page, `layout-${size}-${name}`);
      }

      if (size === 'phone') {
        // The caseload on a phone: a compact card per patient, with the phase, next session and measures due.
        await page.goto(world().server.url);
        await heading(page, t('caseload.title'));
        const cards = page.getByRole('list', { name: t('caseload.caption') });
        const card = cards.getByRole('listitem').filter({ hasText: 'Lina (test)' });
        await card.getByText(t('phase.termination'), { exact: true }).waitFor();
        await card.getByText(t('caseload.col.next')).waitFor();
        await card.getByRole('list', { name: t('caseload.col.measures') }).waitFor();
        expect(await page.getByRole('table').count()).toBe(0);
        const box = await card.boundingBox();
        expect(box?.height ?? Infinity, 'a caseload card is compact').toBeLessThan(260);
        await expectAccessible(page, 'caseload on a phone');

        // The patient page on a phone: the sessions as cards, newest first, and the strip in the phase it names.
        await page.goto(`${world().server.url}/patients/${lina}`);
        await heading(page, 'Lina (test)');
        const sessions = page.getByRole('list', { name: t('sessions.listLabel') });
        await expect(sessions.getByRole('listitem').first().textContent()).resolves.toContain(
          t('sessions.cardTitle', { n: 8 }),
        );
        await page.locator('.strip-group.region-termination [data-session="9"][data-state="next"]').waitFor();
        await expectAccessible(page, 'patient page on a phone');
      }
      expect(problems).toEqual([]);
      await context.close();
    }
    console.info(found.join('\n'));
  });
});

/**
 * Risk enforced, end to end, with a new fictional perinatal case: Noor (test), whose EPDS at her first session
 * endorses item 10. At a phone's size and at a desk's, the flag's banner shows on every page of her course, no page
 * scrolls sideways; the course cannot leave the initial phase while the flag is open; the safety review asks for what
 * its level needs, closes the flag, and can be read again in the risk history.
 */
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
  shotPath,
  signIn,
  useWorld,
} from './support.js';

/** Failed fetches the story causes on purpose: before sign-in, and the phase move refused while the flag is open. */
const expectedStatuses = /401|422/;

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const sizes: readonly [string, BrowserContextOptions][] = [
  ['phone', phone],
  ['desk', { ...desktop, viewport: { width: 1280, height: 800 } }],
];

/** How far the page reaches past the window's width, in CSS pixels (0 when nothing scrolls sideways). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('risk enforced in the web client', () => {
  const world = useWorld();

  it("shows Noor's flag on every course page at both sizes, holds the phase, and keeps the review readable", async () => {
    const { page, context } = await openPage(world().browser, desktop, expectedStatuses);
    await signIn(page, world());
    const api = browserClient(page);
    const patient = await api.createPatient({ body: { displayName: 'Noor (test)', yearOfBirth: 1995 } });
    const { course } = await api.createCourse({
      params: { patientId: patient.id },
      body: {
        schoolPreset: 'weissman-markowitz',
        perinatal: true,
        schedule: { weekday: 2, time: '14:00' },
        startDate: isoDay(-14),
      },
    });
    const session = await api.createSession({
      params: { courseId: course.id },
      body: { date: isoDay(-7), attendance: 'attended' },
    });
    const epds = (await api.listInstruments({})).find((i) => i.id === 'epds');
    if (!epds) throw new Error('no EPDS');
    // Item 10 answered with its third option: reverse-keyed, it scores 1 of 3.
    await api.createAdministration({
      params: { courseId: course.id },
      body: {
        instrumentId: 'epds',
        instrumentVersion: epds.version,
        answers: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
        sessionId: session.id,
      },
    });
    await context.close();

    const base = `${world().server.url}/patients/${patient.id}`;
    const pages = [
      ['patient', base, 'Noor (test)'],
      ['initial', `${base}/initial`, t('initial.title')],
      ['middle', `${base}/middle`, t('middle.title')],
      ['ending', `${base}/ending`, t('ending.title')],
    ] as const;
    for (const [size, options] of sizes) {
      const visit = await openPage(world().browser, options, expectedStatuses);
      await signIn(visit.page, world());
      for (const [name, url, title] of pages) {
        await visit.page.goto(url);
        await heading(visit.page, title);
        const banner = visit.page.getByTestId('risk-banner');
        await banner.getByRole('heading', { name: t('risk.title') }).waitFor();
        await banner.getByText(t('risk.flagWhat', { instrument: 'EPDS', item: 10 })).waitFor();
        // The answer is a score out of the item's maximum, never an option position.
        await banner.getByText(t('risk.flagAnswer', { answer: 'scored 1 of 3' })).waitFor();
        expect(await banner.getByText(/Option \d/).count()).toBe(0);
        expect(await sideways(visit.page), `${name} at ${size} scrolls sideways`).toBeLessThanOrEqual(0);
        await shot(visit.page, `risk-${name}-${size}`);
      }
      await expectAccessible(visit.page, `ending page with a risk flag (${size})`);
      expect(visit.problems).toEqual([]);
      await visit.context.close();
    }

    // On the initial-phase page the course cannot move on while the flag is open; the risk override is offered.
    const clinician = await openPage(world().browser, phone, expectedStatuses);
    const p = clinician.page;
    await signIn(p, world());
    await p.goto(`${base}/initial`);
    await heading(p, t('initial.title'));
    await p.getByLabel(t('move.reason')).fill('Formulation agreed with Noor.');
    await p.getByLabel(t('risk.overrideReason')).waitFor();
    await p.getByRole('button', { name: t('move.submit') }).click();
    await p
      .getByText(/A risk flag is open: EPDS item 10/)
      .first()
      .waitFor();
    expect((await browserClient(p).getCourse({ params: { courseId: course.id } })).course.phase).toBe('initial');
    await shot(p, 'risk-phase-held-phone');

    // The safety review from the banner: high risk needs the whole assessment and plan, and a review within a week.
    const banner = p.getByTestId('risk-banner');
    await banner.getByRole('button', { name: t('risk.review') }).click();
    const review = p.getByRole('region', { name: t('safetyReview.heading'), exact: true });
    await review.getByRole('heading', { name: t('safetyReview.heading'), exact: true }).waitFor();
    await review.getByRole('radio', { name: t('riskLevel.high') }).check();
    await review
      .getByText(
        t('safetyReview.needs', {
          needs: [
            t('safetyReview.needsAll'),
            t('safetyReview.needsPlan'),
            t('safetyReview.needsWeek', { days: 7 }),
          ].join('; '),
        }),
      )
      .waitFor();
    await review
      .getByLabel(t('safetyReview.asked'))
      .fill('Asked directly about thoughts of harming herself or the baby.');
    await review.getByRole('button', { name: t('safetyReview.submit') }).click();
    // The form checks with the contract's schemas, loaded when first needed: its errors come once they are there.
    await review
      .getByRole('alert')
      .filter({ hasText: t('form.fixErrors') })
      .waitFor();
    // Left empty at high risk, the plan's first step is named.
    expect(await review.getByLabel(t('plan.warningSigns')).getAttribute('aria-invalid')).toBe('true');
    await shot(p, 'risk-review-errors-phone');
    const answers: Record<string, string> = {
      'assessment.ideation': 'Thoughts that the baby would be better off with her sister',
      'assessment.frequency': 'Most nights after the 3 a.m. feed',
      'assessment.plan': 'No plan',
      'assessment.intent': 'No intent',
      'assessment.preparatoryBehaviour': 'None',
      'assessment.pastAttempts': 'None',
      'assessment.accessToMeans': 'Partner holds the medicines',
      'assessment.protectiveFactors': 'Her baby; her sister Leila',
      'plan.warningSigns': 'Crying alone at night',
      'plan.internalCoping': 'Breathing; a shower',
      'plan.socialContactsAndSettings': 'The parent group at the library',
      'plan.peopleToAskForHelp': 'Her sister Leila',
      'plan.professionalsAndAgencies': 'Health visitor; the crisis line',
      'plan.makingTheEnvironmentSafe': 'Medicines locked away',
    };
    for (const [key, value] of Object.entries(answers)) {
      const [group, field] = key.split('.') as [string, string];
      await review
        .getByRole('textbox', {
          name: new RegExp(`^${t(`${group}.${field}` as 'plan.warningSigns').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
        })
        .fill(value);
    }
    await review.getByLabel(t('safetyReview.reviewBy')).fill(isoDay(3));
    await review.getByRole('button', { name: t('safetyReview.submit') }).click();
    await p
      .getByRole('status')
      .filter({ hasText: t('safetyReview.done') })
      .waitFor();
    expect(await p.getByTestId('risk-banner').count()).toBe(0);

    // The review is read again on the patient page: its level, what was asked, the plan, when to review again.
    await p.goto(base);
    await heading(p, 'Noor (test)');
    const history = p.getByRole('region', { name: t('riskHistory.heading') });
    await history.getByText(/Next risk review due by/).waitFor();
    await history.getByText(/High risk, judged by/).click();
    await history.getByText('Asked directly about thoughts of harming herself or the baby.').waitFor();
    await history.getByText('Crying alone at night').waitFor();
    await history
      .getByText(t('risk.flagWhat', { instrument: 'EPDS', item: 10 }), { exact: false })
      .first()
      .waitFor();
    expect(await sideways(p)).toBeLessThanOrEqual(0);
    await history.screenshot({ path: shotPath('risk-history-phone') });
    await expectAccessible(p, 'risk history');
    expect(clinician.problems.filter((m) => !/422/.test(m))).toEqual([]);
    await clinician.context.close();
  });
});

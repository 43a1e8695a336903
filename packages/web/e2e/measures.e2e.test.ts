/**
 * Measurement-based care, end to end: a PHQ-9 sent as a single-use link and answered on the patient's phone, the
 * risk flag it raises, the clinician's safety review that closes it, the chart's new point; and kiosk mode, whose
 * locked session sends any attempt to leave back to the unlock form.
 */
import type { Locator, Page } from 'playwright-core';
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

/** Failed fetches the stories cause on purpose: before sign-in, a used link, a locked session, a wrong password. */
const expectedStatuses = /401|404|410|423|400|422/;

const phq9 = { id: 'phq-9', name: 'Patient Health Questionnaire-9', shortName: 'PHQ-9' };

/**
 * Answers a PHQ-9: items 1–4 "More than half the days" (2), 5–7 "Several days" (1), 8 "Not at all" (0), and item 9
 * as given: a total of 11 plus item 9.
 */
async function answerPhq9(page: Page, item9: string) {
  const choose = (n: number, answer: string) =>
    page
      .getByRole('group', { name: new RegExp(`^${n}\\. `) })
      .getByRole('radio', { name: answer, exact: true })
      .check();
  for (const n of [1, 2, 3, 4]) await choose(n, 'More than half the days');
  for (const n of [5, 6, 7]) await choose(n, 'Several days');
  await choose(8, 'Not at all');
  await choose(9, item9);
}

/** A calendar date `days` from today (UTC), as the API takes it. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * EPDS answers by option position scoring 1 on the first `raised` of items 1–9 and 0 elsewhere: items 3 and 5–10 are
 * scored in reverse (their first option scores 3). Item 10, on self-harm, always scores 0: no risk flag.
 */
const epdsReversed = new Set([3, 5, 6, 7, 8, 9, 10]);
const epdsAnswers = (raised: number) =>
  Array.from({ length: 10 }, (_, i) => {
    const score = i < raised && i < 9 ? 1 : 0;
    return epdsReversed.has(i + 1) ? 3 - score : score;
  });

/** Where a chart's score point and an x-axis tick label sit across the page, by their centres. */
async function centreX(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('Not drawn.');
  return box.x + box.width / 2;
}

/** A text field by the start of its label: "Plan" is not "Where the plan is kept". */
const textbox = (scope: Locator, label: string) =>
  scope.getByRole('textbox', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });

async function openPatient(page: Page, name: string) {
  await page.getByRole('link', { name }).click();
  await heading(page, name);
}

async function chooseInstrument(page: Page) {
  await page.getByLabel(t('give.instrument'), { exact: true }).selectOption(phq9.id);
}

describe('measurement-based care in the web client', () => {
  const world = useWorld();

  it('sends a PHQ-9 link, the patient answers on their phone, and the safety review closes the flag', async () => {
    const clinician = await openPage(world().browser, desktop, expectedStatuses);
    const page = clinician.page;

    // First, the clinician opens a demo patient and sends a PHQ-9 link. The link is shown once, with its expiry.
    await signIn(page, world());
    await openPatient(page, 'Ethyl (demo)');
    await chooseInstrument(page);
    await page.getByRole('button', { name: t('give.sendLink') }).click();
    const linkField = page.getByLabel(t('link.created', { instrument: phq9.shortName }));
    const link = await linkField.inputValue();
    expect(new URL(link).pathname).toMatch(/^\/q\/[A-Za-z0-9_-]{43}$/);
    await expectAccessible(page, 'patient with a new link');

    // The patient opens it on their phone, in a browser that has never signed in: one calm page, no app header.
    const patient = await openPage(world().browser, phone, expectedStatuses);
    await patient.page.goto(link);
    await heading(patient.page, phq9.name);
    expect(await patient.page.getByRole('banner').count()).toBe(0);
    expect(await patient.page.getByRole('navigation').count()).toBe(0);
    await patient.page.getByText('Over the last 2 weeks').waitFor();
    expect(await patient.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(patient.page, 'questionnaire link on a phone');

    // Sending it without item 9 names what is missing, next to the question: item 9 is never left out or guessed.
    await patient.page.getByRole('button', { name: t('link.submit') }).click();
    await patient.page
      .getByRole('alert')
      .filter({ hasText: t('instrument.someMissing', { count: 1 }) })
      .waitFor();
    const item9 = patient.page.getByRole('group', { name: /^9\. / });
    await item9.getByText(t('instrument.answerMissing')).waitFor();
    expect(await patient.page.getByText(t('instrument.answerMissing')).count()).toBe(1);
    await expectAccessible(patient.page, 'questionnaire link with missing answers');

    // They answer, with item 9 "Several days", and send it: a thank-you, and calm words on getting help now.
    await answerPhq9(patient.page, 'Several days');
    await shot(patient.page, 'link-phone');
    await patient.page.getByRole('button', { name: t('link.submit') }).click();
    await heading(patient.page, t('link.thanksTitle'));
    await patient.page.getByRole('heading', { name: t('crisis.heading') }).waitFor();
    await expectAccessible(patient.page, 'questionnaire sent');
    await shot(patient.page, 'link-phone-thanks');

    // Opening the same link again says kindly that it has been used, and what to do.
    await patient.page.goto(link);
    await heading(patient.page, t('link.goneTitle'));
    await patient.page.getByText(t('link.goneAsk')).waitFor();
    await expectAccessible(patient.page, 'used link');
    await shot(patient.page, 'link-phone-used');
    expect(patient.problems).toEqual([]);
    await patient.context.close();

    // The clinician's caseload shows the risk flag, in words, first.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: t('nav.caseload') })
      .click();
    await heading(page, t('caseload.title'));
    const ethylRow = page.getByRole('row').filter({ hasText: 'Ethyl (demo)' });
    await ethylRow.getByText(t('caseload.risk', { count: 1 })).waitFor();
    const firstRow = page.getByRole('row').nth(1);
    expect(await firstRow.textContent()).toContain('Ethyl (demo)');
    await shot(page, 'caseload-risk');
    await expectAccessible(page, 'caseload with a risk flag');

    // On the patient page the banner cannot be missed: an alert with the item, the answer and when.
    await openPatient(page, 'Ethyl (demo)');
    const banner = page.locator('.risk-banner');
    await banner
      .getByRole('alert')
      .getByRole('heading', { name: t('risk.title') })
      .waitFor();
    await banner.getByText(t('risk.flagAnswer', { answer: 'Several days' })).waitFor();
    await banner.getByText(t('risk.flagWhat', { instrument: phq9.shortName, item: 9 })).waitFor();
    // The chart arrives after the page (its drawing library loads on demand): scan the page once it is drawn.
    await page.locator('svg.measure-plot').first().waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: shotPath('risk-banner-phone') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'risk-banner');
    await expectAccessible(page, 'patient with a risk flag');

    // The safety review: the flag is preselected, the risk level is not; what was asked is required.
    await banner.getByRole('button', { name: t('risk.review') }).click();
    const review = page.getByRole('region', { name: t('safetyReview.heading'), exact: true });
    await review.getByRole('heading', { name: t('safetyReview.heading'), exact: true }).waitFor();
    expect(await review.getByRole('checkbox').isChecked()).toBe(true);
    const levels = review.getByRole('group', { name: t('safetyReview.riskLevel') }).getByRole('radio');
    expect(await levels.count()).toBe(4);
    for (const level of await levels.all()) expect(await level.isChecked()).toBe(false);
    await review.getByRole('button', { name: t('safetyReview.submit') }).click();
    await review
      .getByRole('alert')
      .filter({ hasText: t('form.fixErrors') })
      .waitFor();
    expect(await review.getByLabel(t('safetyReview.asked')).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'safety review with errors');

    await review.getByRole('radio', { name: t('riskLevel.moderate') }).check();
    await review
      .getByLabel(t('safetyReview.asked'))
      .fill('Asked directly about thoughts of suicide. Passive thoughts on some days; no plan, no intent.');
    await textbox(review, t('assessment.ideation')).fill('Passive: "better off not waking up".');
    await textbox(review, t('assessment.plan')).fill('None.');
    await textbox(review, t('assessment.intent')).fill('None: she wants to see her niece grow up.');
    await textbox(review, t('assessment.protectiveFactors')).fill('Her sister; her cat; wants to finish her course.');
    await textbox(review, t('plan.warningSigns')).fill('Staying in bed all day; not answering the phone.');
    await textbox(review, t('plan.internalCoping')).fill('A long shower; the playlist her sister made.');
    await textbox(review, t('plan.socialContactsAndSettings')).fill('The library café.');
    await textbox(review, t('plan.peopleToAskForHelp')).fill('Her sister.');
    await textbox(review, t('plan.professionalsAndAgencies')).fill('The practice duty line; the crisis line at night.');
    await textbox(review, t('plan.makingTheEnvironmentSafe')).fill('Her sister keeps the spare tablets.');
    await textbox(review, t('plan.whereKept')).fill('Photo on her phone; copy on the fridge.');
    await review.getByLabel(t('safetyReview.reviewBy')).fill('2099-01-07');
    await shot(page, 'safety-review');
    await expectAccessible(page, 'safety review filled in');
    await review.getByRole('button', { name: t('safetyReview.submit') }).click();

    // The flag clears: the banner is gone, and so is the caseload's marker.
    await page
      .getByRole('status')
      .filter({ hasText: t('safetyReview.done') })
      .waitFor();
    expect(await page.locator('.risk-banner').count()).toBe(0);

    // The clinician marks an interpersonal event; it appears on the chart as a labelled marker.
    await page.getByLabel(t('annotation.label')).fill('Argument with her sister');
    await page.getByRole('button', { name: t('annotation.submit') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('annotation.done', { label: 'Argument with her sister' }) })
      .waitFor();

    // The chart shows the new point; its table alternative says the total and the band in words.
    const series = page.getByRole('region', { name: phq9.shortName, exact: true });
    const scoreRow = series
      .getByRole('row')
      .filter({ hasText: t('scores.total', { total: 12, max: 27 }) })
      .filter({ hasText: t('scores.flagged') });
    await scoreRow.getByText('Moderate', { exact: true }).waitFor();
    await scoreRow.getByText(t('scores.flagged')).waitFor();
    await series.locator('svg.measure-plot').waitFor();
    await series.locator('svg.measure-plot text').filter({ hasText: 'Argument with her sister' }).waitFor();
    expect(await series.locator('svg.measure-plot style').count()).toBe(0);
    await series.scrollIntoViewIfNeeded();
    await series.screenshot({ path: shotPath('chart') });
    await expectAccessible(page, 'patient after the safety review');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'patient-print-measures');
    await page.emulateMedia({ media: 'screen' });

    await page
      .getByRole('navigation')
      .getByRole('link', { name: t('nav.caseload') })
      .click();
    await heading(page, t('caseload.title'));
    await page.getByRole('row').filter({ hasText: 'Ethyl (demo)' }).waitFor();
    expect(await ethylRow.getByText(t('caseload.risk', { count: 1 })).count()).toBe(0);

    expect(clinician.problems).toEqual([]);
    await clinician.context.close();
  });

  it('gives a PHQ-9 in session: the clinician enters the answers and sees the score in words', async () => {
    const { context, page, problems } = await openPage(world().browser, desktop, expectedStatuses);
    await signIn(page, world());
    await openPatient(page, 'Joy (demo)');

    await chooseInstrument(page);
    await page.getByRole('button', { name: t('give.inSession') }).click();
    await page.getByRole('heading', { name: t('give.formHeading', { instrument: phq9.name }) }).waitFor();
    await page.getByText(t('instrument.timeFrame')).waitFor();
    await answerPhq9(page, 'Not at all');
    await expectAccessible(page, 'questionnaire given in session');
    await shot(page, 'give-in-session');
    await page.getByRole('button', { name: t('give.submit') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('give.recorded', { instrument: phq9.shortName, total: 11, band: 'Moderate' }) })
      .waitFor();
    const series = page.getByRole('region', { name: phq9.shortName, exact: true });
    await series
      .getByRole('row')
      .filter({ hasText: t('scores.total', { total: 11, max: 27 }) })
      .first()
      .waitFor();
    expect(await page.locator('.risk-banner').count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('hands the device over in kiosk mode: leaving is locked, the questionnaire is answered, the clinician unlocks', async () => {
    const { context, page, problems } = await openPage(world().browser, phone, expectedStatuses);
    await signIn(page, world());
    await openPatient(page, 'Joy (demo)');

    // First, the clinician hands the device to the patient: the questionnaire, with no way round the app.
    await chooseInstrument(page);
    await page.getByRole('button', { name: t('give.kiosk') }).click();
    await heading(page, phq9.name);
    const kioskPath = new URL(page.url()).pathname;
    expect(kioskPath).toMatch(/^\/kiosk\//);
    expect(await page.getByRole('banner').count()).toBe(0);
    await expectAccessible(page, 'kiosk questionnaire');

    // An attempt to leave for the caseload is turned back to the kiosk page, which says why.
    await page.goto(`${world().server.url}/`);
    await heading(page, t('kiosk.lockedTitle'));
    expect(new URL(page.url()).pathname).toBe(kioskPath);
    await page.getByText(t('kiosk.lockedBody')).waitFor();
    await shot(page, 'kiosk-locked');
    await expectAccessible(page, 'kiosk escape attempt');

    // Back to the questionnaire: answered and sent; then "hand the device back".
    await page.getByRole('link', { name: t('kiosk.backToQuestionnaire') }).click();
    await heading(page, phq9.name);
    await answerPhq9(page, 'Not at all');
    await page.getByRole('button', { name: t('link.submit') }).click();
    await heading(page, t('kiosk.handBackTitle'));
    expect(await page.getByRole('heading', { name: t('crisis.heading') }).count()).toBe(0);
    await shot(page, 'kiosk-hand-back');
    await expectAccessible(page, 'kiosk hand back');

    // A wrong password does not unlock it; the clinician's own does, and they are back on the patient's page.
    await page.getByLabel(t('kiosk.password')).fill('not the password');
    await page.getByRole('button', { name: t('kiosk.unlock') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: t('kiosk.unlockFailed') })
      .waitFor();
    await page.getByLabel(t('kiosk.password')).fill(world().password);
    await page.getByRole('button', { name: t('kiosk.unlock') }).click();
    await heading(page, 'Joy (demo)');
    // Joy's chart now holds three scores of 11: one in her demo history (session 7), the one given in session by
    // the test before, and the one from the kiosk.
    const series = page.getByRole('region', { name: phq9.shortName, exact: true });
    const elevens = series.getByRole('row').filter({ hasText: t('scores.total', { total: 11, max: 27 }) });
    await expect.poll(() => elevens.count()).toBe(3);
    await expectAccessible(page, 'patient after kiosk');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('puts a questionnaire given in session 3 at session 3, on the chart and in the table; the page fits a phone', async () => {
    const { context, page, problems } = await openPage(world().browser, desktop, expectedStatuses);
    await signIn(page, world());

    // A new perinatal case: five weekly sessions, the last a week ago. EPDS scores entered through the API at
    // sessions 1, 4 and 5 and on a paper form posted back between sessions 2 and 3; events close together.
    const api = browserClient(page);
    const patient = await api.createPatient({ body: { displayName: 'Wenna Halloran (test)', yearOfBirth: 1996 } });
    const { course } = await api.createCourse({
      params: { patientId: patient.id },
      body: {
        schoolPreset: 'iptuk',
        perinatal: true,
        schedule: { weekday: 1, time: '09:30' },
        startDate: daysFromToday(-35),
      },
    });
    const epds = (await api.listInstruments({})).find((i) => i.id === 'epds');
    if (!epds) throw new Error('No EPDS on the server.');
    const sessions = [];
    for (let n = 1; n <= 5; n++) {
      const date = daysFromToday(-35 + 7 * (n - 1));
      sessions.push(
        await api.createSession({ params: { courseId: course.id }, body: { date, attendance: 'attended' } }),
      );
    }
    const give = (raised: number, extra: { sessionId?: string; answeredAt?: string }) =>
      api.createAdministration({
        params: { courseId: course.id },
        body: { instrumentId: 'epds', instrumentVersion: epds.version, answers: epdsAnswers(raised), ...extra },
      });
    await give(8, { sessionId: sessions[0]?.id });
    await give(7, { answeredAt: daysFromToday(-25) });
    await give(5, { sessionId: sessions[3]?.id });
    await give(4, { sessionId: sessions[4]?.id });
    for (const [days, label] of [
      [-24, 'Baby had a fever all weekend'],
      [-23, 'Partner back at work after leave'],
      [-22, 'Her mother came to stay for a fortnight, and they argued about feeding'],
    ] as const) {
      await api.createAnnotation({ params: { courseId: course.id }, body: { date: daysFromToday(days), label } });
    }

    // On the patient page, the questionnaire is given now, in session 3 (chosen; the latest, session 5, is offered).
    await page.goto(new URL(`/patients/${patient.id}`, page.url()).toString());
    await heading(page, 'Wenna Halloran (test)');
    // What is due is one line per instrument: never a growing list of every missed occurrence.
    const due = page.getByRole('list', { name: t('measures.dueLabel') });
    await due.getByText(t('measures.overdue', { instrument: 'WSAS', since: 1 })).waitFor();
    await due.getByText(t('measures.due', { instrument: 'EPDS', n: 6 })).waitFor();
    expect(await due.getByRole('listitem').count()).toBe(3);
    await page.getByLabel(t('give.instrument'), { exact: true }).selectOption('epds');
    await page.getByRole('button', { name: t('give.inSession') }).click();
    const given = page.getByLabel(t('give.session'));
    expect(await given.inputValue()).toBe(sessions[4]?.id);
    await given.selectOption(sessions[2]?.id ?? '');
    await page.getByText(t('give.sessionPast', { n: 3, date: '' }).split(':')[0] ?? '').waitFor();
    const items = page.locator('.give-in-session .instrument-item');
    for (const [i, position] of epdsAnswers(6).entries()) {
      await items.nth(i).getByRole('radio').nth(position).check();
    }
    await expectAccessible(page, 'questionnaire given in session 3');
    await page.getByRole('button', { name: t('give.submit') }).click();
    await page.getByRole('status').filter({ hasText: 'EPDS saved' }).waitFor();

    // The table's Session column says 3, and the rows run in session order, the paper form between 2 and 3.
    const series = page.getByRole('region', { name: 'EPDS', exact: true });
    const sessionColumn = series.locator('.score-table tbody th');
    await expect
      .poll(() => sessionColumn.allTextContents())
      .toEqual(['1', t('scores.between', { from: 2, to: 3 }), '3', '4', '5']);

    // The chart's point for it sits at session 3: named so, and right above the axis's "3".
    const chart = series.locator('svg.measure-plot');
    await chart.waitFor();
    const point = chart.locator('circle, path').filter({ has: page.locator('title', { hasText: /^Session 3: / }) });
    await point.waitFor();
    const tick = chart.locator('.plot-x-axis-tick-label text, .plot-x-axis-tick text').filter({ hasText: /^3$/ });
    expect(Math.abs((await centreX(point)) - (await centreX(tick)))).toBeLessThan(2);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: '/tmp/measures-1280.png', fullPage: true });
    await series.screenshot({ path: shotPath('chart-by-session') });

    // On a phone (390 × 844): nothing scrolls sideways on the measures page, the chart included.
    const phoneView = await openPage(world().browser, phone, expectedStatuses);
    await signIn(phoneView.page, world());
    await phoneView.page.goto(new URL(`/patients/${patient.id}#measures`, phoneView.page.url()).toString());
    await phoneView.page.getByRole('region', { name: 'EPDS', exact: true }).locator('svg.measure-plot').waitFor();
    const fits = () => phoneView.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    await phoneView.page.screenshot({ path: '/tmp/measures-390.png', fullPage: true });
    await phoneView.page
      .getByRole('region', { name: 'EPDS', exact: true })
      .screenshot({ path: shotPath('chart-by-session-phone') });
    // With the questionnaire open to give in session, too.
    await phoneView.page.getByRole('button', { name: t('give.inSession') }).click();
    await phoneView.page.getByLabel(t('give.session')).waitFor();
    expect(await fits()).toBe(true);
    await phoneView.page.locator('.give-in-session .give-when').screenshot({ path: shotPath('give-session-phone') });
    await expectAccessible(phoneView.page, 'measures on a phone');
    expect(phoneView.problems).toEqual([]);
    await phoneView.context.close();

    expect(problems).toEqual([]);
    await context.close();
  });
});

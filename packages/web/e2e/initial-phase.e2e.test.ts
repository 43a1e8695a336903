/**
 * The initial phase as working tools, end to end, from the two case vignettes in shared/seeds/: Joy (a role dispute
 * with her ex-partner, after a heart attack and leaving her job) entered as a new user would, through the gate into
 * the middle phase; and Ethyl (whose dog died six months ago) choosing interpersonal sensitivities over the grief
 * hint, and leaving the initial phase with the gate overridden in writing.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/t.js';
import { desktop, expectAccessible, heading, openPage, shot, shotPath, signIn, useWorld } from './support.js';

/** Failed fetches the stories cause on purpose: before sign-in, a duplicate person, the gate refusing. */
const expectedStatuses = /401|409|422/;

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "March 2026", n whole months before this month: dates as a patient remembers them. */
function monthsAgo(n: number): string {
  const now = new Date();
  return monthFormat.format(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 15)));
}

const regionOf = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const card = (page: Page, name: string) => page.getByRole('article', { name, exact: true });

/** A new patient with a new 16-session course and a baseline PHQ-9 (total 11, item 9 "Not at all"). */
async function newPatientWithCourse(page: Page, name: string, yearOfBirth: number) {
  await page.getByRole('link', { name: t('caseload.add') }).click();
  await heading(page, t('addPatient.title'));
  await page.getByLabel(t('addPatient.displayName')).fill(name);
  await page.getByLabel(t('addPatient.yearOfBirth')).fill(String(yearOfBirth));
  await page.getByLabel(t('addPatient.pronouns')).fill('she/her');
  await page.getByRole('button', { name: t('addPatient.submit') }).click();
  await heading(page, name);
  await page.getByLabel(t('startCourse.planned')).fill('16');
  await page.getByRole('button', { name: t('startCourse.submit') }).click();
  await page.locator('[data-session="1"][data-state="next"]').waitFor();

  await page.getByLabel(t('give.instrument'), { exact: true }).selectOption('phq-9');
  await page.getByRole('button', { name: t('give.inSession') }).click();
  const choose = (n: number, answer: string) =>
    page
      .getByRole('group', { name: new RegExp(`^${n}\\. `) })
      .getByRole('radio', { name: answer, exact: true })
      .check();
  for (const n of [1, 2, 3, 4]) await choose(n, 'More than half the days');
  for (const n of [5, 6, 7]) await choose(n, 'Several days');
  for (const n of [8, 9]) await choose(n, 'Not at all');
  await page.getByRole('button', { name: t('give.submit') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: t('give.recorded', { instrument: 'PHQ-9', total: 11, band: 'Moderate' }) })
    .waitFor();
}

async function saveFacts(page: Page, diagnosis: string) {
  const facts = regionOf(page, t('tool.facts'));
  await facts.getByLabel(t('facts.diagnosis')).fill(diagnosis);
  await facts.getByLabel(t('facts.sickRole')).check();
  await facts.getByLabel(t('facts.safety')).check();
  await facts.getByRole('button', { name: t('facts.submit') }).click();
  await facts
    .getByRole('status')
    .filter({ hasText: t('facts.done') })
    .waitFor();
}

async function addPerson(page: Page, name: string, relationship: string, detail: string, ring: string) {
  const form = page.getByRole('region', { name: t('inventory.addHeading') });
  await form.getByLabel(t('inventory.name')).fill(name);
  await form.getByLabel(t('inventory.relationship')).selectOption(relationship);
  await form.getByLabel(t('inventory.relationshipDetail')).fill(detail);
  await form.getByLabel(t('inventory.ring')).selectOption(ring);
  await form.getByRole('button', { name: t('inventory.add') }).click();
  return form;
}

/** Opens a group of an inventory card, by its summary. */
async function openGroup(person: Locator, title: string) {
  await person.locator('summary', { hasText: title }).click();
}

async function waitSaved(person: Locator) {
  await person
    .getByRole('status')
    .filter({ hasText: t('inventory.saved') })
    .waitFor();
}

async function addEpisode(page: Page, start: string) {
  const form = page.getByRole('region', { name: t('episode.addHeading') });
  expect(await form.getByLabel(t('episode.kind')).inputValue()).toBe('current');
  await form.getByLabel(t('episode.start')).fill(start);
  await form.getByText(t('date.readAs', { date: start })).waitFor();
  await form.getByRole('button', { name: t('episode.submit') }).click();
  await form
    .getByRole('status')
    .filter({ hasText: t('episode.added') })
    .waitFor();
}

async function addEvent(
  page: Page,
  e: { date: string; category: string; description: string; person?: string; impact?: string },
) {
  const form = page.getByRole('region', { name: t('event.addHeading') });
  await form.getByLabel(t('event.date')).fill(e.date);
  await form.getByLabel(t('event.category')).selectOption(e.category);
  await form.getByLabel(t('event.description')).fill(e.description);
  if (e.person) await form.getByLabel(t('event.person')).selectOption({ label: e.person });
  if (e.impact) await form.getByLabel(t('event.impact')).selectOption(e.impact);
  await form.getByRole('button', { name: t('event.submit') }).click();
  await form
    .getByRole('status')
    .filter({ hasText: t('event.added') })
    .waitFor();
  await page.getByRole('row').filter({ hasText: e.description }).waitFor();
}

async function chooseArea(page: Page, area: string, rationale: string, stage?: string, person?: string) {
  const choice = page.getByRole('region', { name: t('area.chooseHeading') });
  await choice
    .getByRole('group', { name: t('area.primary') })
    .getByRole('radio', { name: area })
    .check();
  if (stage)
    await choice
      .getByRole('group', { name: t('area.stage') })
      .getByRole('radio', { name: stage })
      .check();
  if (person) await choice.getByLabel(t('area.person')).selectOption({ label: person });
  await choice.getByLabel(t('area.rationale')).fill(rationale);
  await choice.getByRole('button', { name: t('area.submit') }).click();
  await choice
    .getByRole('status')
    .filter({ hasText: t('area.done') })
    .waitFor();
  return choice;
}

/** The generated draft is shown, presented, and the patient's answer recorded in their words. */
async function presentAndAgree(page: Page, mustSay: RegExp, words: string, draftShot?: string) {
  const formulation = regionOf(page, t('tool.formulation'));
  const text = formulation.getByLabel(t('formulation.text'));
  await expect.poll(() => text.inputValue()).toMatch(mustSay);
  if (draftShot) await formulation.screenshot({ path: shotPath(draftShot) });
  await formulation.getByRole('button', { name: t('formulation.present') }).click();
  await formulation
    .getByRole('status')
    .filter({ hasText: t('formulation.presented') })
    .waitFor();
  await formulation.getByText(t('formulationStatus.presented'), { exact: false }).first().waitFor();
  await formulation.getByRole('radio', { name: t('formulationAnswer.agreed') }).check();
  await formulation.getByLabel(t('formulation.words')).fill(words);
  await formulation.getByRole('button', { name: t('formulation.record') }).click();
  await formulation
    .getByRole('status')
    .filter({ hasText: t('formulation.recorded', { status: 'agreed' }) })
    .waitFor();
  await formulation.locator('.patient-words').getByText(words).waitFor();
  return formulation;
}

async function tryMove(page: Page, reason: string) {
  const move = regionOf(page, t('tool.move'));
  await move.getByLabel(t('move.to')).selectOption('middle');
  await move.getByLabel(t('move.reason')).fill(reason);
  await move.getByRole('button', { name: t('move.submit') }).click();
  return move;
}

const checklistItem = (page: Page, id: string) =>
  page.getByRole('region', { name: t('checklist.heading') }).locator(`[data-gate="${id}"]`);

describe('the initial phase in the web client', () => {
  const world = useWorld();

  it("enters Joy's initial phase, from a new patient to the middle phase", async () => {
    const { context, page, problems } = await openPage(world().browser, desktop, expectedStatuses);
    await signIn(page, world());

    // First, the clinician adds Joy, starts her course and gives a PHQ-9 as the baseline.
    await newPatientWithCourse(page, 'Joy (test)', new Date().getUTCFullYear() - 37);

    // The patient page says, in words, what the initial phase still needs, and leads to the tools.
    const initialCard = page.getByRole('region', { name: t('initial.title') });
    await initialCard.getByText(t('gate.formulation')).waitFor();
    await expectAccessible(page, 'patient page with the initial-phase checklist');
    await initialCard.screenshot({ path: shotPath('initial-patient-card') });
    await initialCard.getByRole('link', { name: t('initial.open') }).click();
    await heading(page, t('initial.title'));
    await checklistItem(page, 'inventory').getByText(t('checklist.missing')).waitFor();
    await expectAccessible(page, 'initial phase, empty');
    await shot(page, 'initial-empty');

    // The diagnosis is named and the sick role explained (depression likened to the flu); the safety screen done.
    await saveFacts(page, 'major depression');
    await checklistItem(page, 'sick-role').getByText(t('checklist.done')).waitFor();

    // The inventory: Ben, her partner; Laura, her ex-partner; Maxine, the daughter they co-parent.
    await addPerson(page, 'Ben', 'partner', 'new partner', '1');
    await card(page, 'Ben').waitFor();
    // Focus returns to the name, so the next person follows straight away.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('personName');
    await addPerson(page, 'Laura', 'other', 'ex-partner', '2');
    await card(page, 'Laura').waitFor();
    await addPerson(page, 'Maxine', 'child', 'daughter, co-parented with Laura', '1');
    await card(page, 'Maxine').waitFor();

    // Laura again is not a second person: the server refuses, and the form offers to merge.
    const addForm = await addPerson(page, 'laura', 'other', 'ex', '2');
    await addForm
      .getByRole('alert')
      .filter({ hasText: t('inventory.duplicate', { name: 'laura', existing: 'Laura' }) })
      .waitFor();
    await expectAccessible(page, 'inventory with a duplicate offered for merging');
    await addForm.getByRole('button', { name: t('inventory.merge') }).click();
    await addForm
      .getByRole('status')
      .filter({ hasText: t('inventory.merged', { existing: 'Laura' }) })
      .waitFor();
    expect(await page.locator('article.person-card').count()).toBe(3);

    // Laura's card, filled as Joy talks: conflict over short-notice childcare, expectations not met. Saved as typed.
    const laura = card(page, 'Laura');
    await openGroup(laura, t('inventory.group.conflict'));
    await laura.getByLabel(t('inventory.conflictPresent')).check();
    await laura
      .getByLabel(t('inventory.conflictWhat'))
      .fill('Laura asks her to take Maxine at short notice; Joy resents it but gives in.');
    await laura.getByLabel(t('inventory.expectPatient')).fill('To be asked in good time, and to be able to say no.');
    await laura.getByLabel(t('inventory.expectOther')).fill('That Joy steps in whenever she is needed.');
    await laura.getByLabel(t('inventory.expectMet')).selectOption('no');
    await waitSaved(laura);
    await laura.locator('.person-head .marks').getByText(t('markName.conflict')).waitFor();
    const ben = card(page, 'Ben');
    await openGroup(ben, t('inventory.group.support'));
    await ben
      .getByRole('group', { name: t('inventory.supportReceived') })
      .getByLabel(t('support.emotional'))
      .check();
    await ben
      .getByRole('group', { name: t('inventory.supportReceived') })
      .getByLabel(t('support.practical'))
      .check();
    await waitSaved(ben);
    await expectAccessible(page, 'inventory cards open');
    await shot(page, 'initial-inventory');

    // The timeline: the current episode began four months ago, after the heart attack and leaving her job.
    await addEpisode(page, monthsAgo(4));
    await addEvent(page, {
      date: monthsAgo(5),
      category: 'health',
      description: 'Heart attack (severe hypertension)',
      impact: '-3',
    });
    await addEvent(page, {
      date: monthsAgo(4),
      category: 'work',
      description: 'Quit her high-stress job as a financial analyst',
      impact: '-2',
    });
    await addEvent(page, {
      date: String(new Date().getUTCFullYear() - 2),
      category: 'transition',
      description: 'Separated from Laura',
      person: 'Laura',
    });
    // Events near the onset are marked by shape and in words; the separation two years ago is not.
    const heartRow = page.getByRole('row').filter({ hasText: 'Heart attack' });
    await heartRow.getByText(/^◆ Yes/).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: 'Separated from Laura' })
      .getByRole('cell', { name: 'No', exact: true })
      .waitFor();
    expect(await page.locator('.timeline-event.proximal').count()).toBe(2);
    await expectAccessible(page, 'timeline');
    await regionOf(page, t('tool.timeline'))
      .locator('figure')
      .screenshot({ path: shotPath('initial-timeline') });
    await checklistItem(page, 'timeline').getByText(t('checklist.done')).waitFor();

    // The circle: Laura is moved one ring out with the arrow keys, then back with the list's button.
    const circle = regionOf(page, t('tool.circle'));
    const lauraNode = circle.getByRole('slider', { name: /^Laura,/ });
    await lauraNode.focus();
    await page.keyboard.press('ArrowRight');
    await circle
      .getByRole('status')
      .filter({ hasText: t('circle.moved', { name: 'Laura', ring: 3 }) })
      .waitFor();
    await expect.poll(() => lauraNode.getAttribute('aria-valuenow')).toBe('3');
    await circle.getByRole('button', { name: t('circle.closerNamed', { name: 'Laura' }) }).click();
    await circle
      .getByRole('status')
      .filter({ hasText: t('circle.moved', { name: 'Laura', ring: 2 }) })
      .waitFor();
    await circle.getByRole('button', { name: t('circle.snapshot', { phase: 'intake' }) }).click();
    await circle
      .getByRole('status')
      .filter({ hasText: t('circle.snapshotSaved', { phase: 'intake' }) })
      .waitFor();
    await expectAccessible(page, 'closeness circle');
    await circle.locator('.circle-layout').screenshot({ path: shotPath('initial-circle') });

    // The hints say why: a dispute (conflict and unmet expectations with Laura) and a transition (near the onset).
    const hints = page.getByRole('region', { name: t('area.hintsHeading') });
    await hints.getByText(t('area.hintArea', { area: t('problemArea.dispute') })).waitFor();
    await hints.getByText(t('area.hintArea', { area: t('problemArea.transition') })).waitFor();
    await hints.getByText(/Conflict with Laura/).waitFor();
    await hints
      .getByText(/Heart attack/)
      .first()
      .waitFor();

    // Role dispute with Laura, at an impasse: Joy gives in and the resentment smoulders.
    const choice = await chooseArea(
      page,
      t('problemArea.dispute'),
      'Onset followed the job loss, but what keeps it going is the dispute with Laura over childcare: non-reciprocal expectations, and Joy gives in without saying what she needs. The focus resonated with her.',
      t('stage.impasse'),
      'Laura',
    );
    await choice.getByText(t('area.chosen', { area: `${t('problemArea.dispute')} (${t('stage.impasse')})` })).waitFor();
    await expectAccessible(page, 'problem area chosen');

    // The generated formulation names the role dispute; it is presented and Joy agrees, in her words.
    const formulation = await presentAndAgree(
      page,
      /role dispute/,
      'Yes. I keep saying yes to Laura and then I resent it. That is what I want to work on.',
      'initial-formulation-draft',
    );
    await expectAccessible(page, 'formulation agreed');
    await formulation.screenshot({ path: shotPath('initial-formulation') });

    // Moving on now is refused: the gate names what is missing, in words.
    const move = await tryMove(page, 'Formulation agreed.');
    await move.getByText(t('move.gateTitle')).first().waitFor();
    await move.locator('.gate-missing').getByText(t('gate.contract')).waitFor();
    await expectAccessible(page, 'gate refused');

    // The contract: 50-minute sessions, the dispute goals offered, a goal in Joy's words, missed sessions, safety.
    const contract = regionOf(page, t('tool.contract'));
    expect(await contract.getByLabel(t('contract.minutes')).inputValue()).toBe('50');
    expect(
      await contract
        .getByRole('group', { name: t('contract.areaGoals') })
        .getByRole('checkbox')
        .count(),
    ).toBeGreaterThan(2);
    await contract
      .getByLabel(t('contract.personalGoal', { n: 1 }))
      .fill('To say no to Laura when a request does not work for me.');
    await contract.getByRole('button', { name: t('contract.addGoal') }).click();
    await contract.getByLabel(t('contract.personalGoal', { n: 2 })).fill('To look for a new job I can manage.');
    await contract
      .getByLabel(t('contract.missed'))
      .fill('A missed session is not made up; let me know the day before if you can.');
    await contract
      .getByLabel(t('contract.safety'))
      .fill('If things get worse, call the clinic or your GP; out of hours, the crisis line.');
    await contract.getByRole('button', { name: t('contract.submit') }).click();
    await contract
      .getByRole('status')
      .filter({ hasText: t('contract.done') })
      .waitFor();
    await contract
      .getByText(t('contract.sessionsValue', { n: 16, minutes: 50 }))
      .first()
      .waitFor();
    await expect.poll(() => contract.locator('.contract-plan').textContent()).not.toContain('confirmed when saved');
    await expectAccessible(page, 'contract saved');

    // Printed for the patient, the page shows only the agreement.
    await page.evaluate(() => document.documentElement.classList.add('print-contract'));
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('heading', { name: t('contract.printHeading') }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: t('tool.timeline') }).isVisible()).toBe(false);
    await shot(page, 'initial-contract-print');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.documentElement.classList.remove('print-contract'));

    // Everything the gate needs is recorded, and the course moves into the middle phase.
    await page
      .getByRole('region', { name: t('checklist.heading') })
      .getByText(t('checklist.progress', { done: 8, total: 8 }))
      .waitFor();
    await tryMove(page, 'Formulation agreed; contract set.');
    await move
      .getByRole('status')
      .filter({ hasText: t('move.done', { phase: t('phase.middle') }) })
      .waitFor();
    await shot(page, 'initial-done');

    await page.getByRole('link', { name: t('initial.back') }).click();
    await heading(page, 'Joy (test)');
    await page.getByText(t('initial.openRecords')).waitFor();
    await expectAccessible(page, 'patient page in the middle phase');

    // On a phone-sized screen the tools reflow rather than scroll sideways.
    await page.getByRole('link', { name: t('initial.openRecords') }).click();
    await heading(page, t('initial.title'));
    await page.getByText(t('initial.notInitial', { phase: t('phase.middle') })).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'initial phase, narrow');
    await regionOf(page, t('tool.circle')).screenshot({ path: shotPath('initial-circle-narrow') });

    expect(problems).toEqual([]);
    await context.close();
  });

  it('records Ethyl choosing interpersonal sensitivities over the grief hint, and moves on by override', async () => {
    const { context, page, problems } = await openPage(world().browser, desktop, expectedStatuses);
    await signIn(page, world());
    await newPatientWithCourse(page, 'Ethyl (test)', new Date().getUTCFullYear() - 53);
    await page
      .getByRole('region', { name: t('initial.title') })
      .getByRole('link', { name: t('initial.open') })
      .click();
    await heading(page, t('initial.title'));
    await saveFacts(page, 'depression');

    // "I am a dog person, not a people person": Brandy, her dog, who died six months ago, and the other dog owners.
    await addPerson(page, 'Brandy', 'other', 'my dog', '1');
    const brandy = card(page, 'Brandy');
    await openGroup(brandy, t('inventory.group.loss'));
    await brandy.getByLabel(t('inventory.deceased')).check();
    await brandy.getByLabel(t('inventory.dateOfDeath')).fill(monthsAgo(6));
    await waitSaved(brandy);
    await addPerson(page, 'The dog owners at the park', 'other', 'known by their dogs’ names', '3');
    await card(page, 'The dog owners at the park').waitFor();

    // On the circle, the dog owners are dragged in from the outer ring to the middle one.
    const owners = page.getByRole('slider', { name: /^The dog owners at the park,/ });
    expect(await owners.getAttribute('aria-valuenow')).toBe('3');
    await owners.scrollIntoViewIfNeeded();
    const box = await owners.locator('.node').boundingBox();
    const centre = await page.locator('.circle-centre circle').boundingBox();
    if (!box || !centre) throw new Error('The circle is not drawn.');
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const middle = { x: centre.x + centre.width / 2, y: centre.y + centre.height / 2 };
    // Four tenths of the way from the outer ring's middle towards the centre lands on ring 2.
    const to = { x: from.x + (middle.x - from.x) * 0.4, y: from.y + (middle.y - from.y) * 0.4 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    await regionOf(page, t('tool.circle'))
      .getByRole('status')
      .filter({ hasText: t('circle.moved', { name: 'The dog owners at the park', ring: 2 }) })
      .waitFor();
    await card(page, 'The dog owners at the park').getByLabel(t('inventory.ring')).waitFor();
    await expect
      .poll(() => card(page, 'The dog owners at the park').getByLabel(t('inventory.ring')).inputValue())
      .toBe('2');

    // The depression worsened after Brandy died.
    await addEpisode(page, monthsAgo(5));
    await addEvent(page, {
      date: monthsAgo(6),
      category: 'death',
      description: 'Brandy, her dog, died',
      person: 'Brandy',
      impact: '-3',
    });

    // The grief hint fires, and says why.
    const hints = page.getByRole('region', { name: t('area.hintsHeading') });
    await hints.getByText(t('area.hintArea', { area: t('problemArea.grief') })).waitFor();
    await hints
      .getByText(/Brandy/)
      .first()
      .waitFor();

    // The clinician chooses interpersonal sensitivities instead: a normal choice, said calmly, with its reason.
    const choice = page.getByRole('region', { name: t('area.chooseHeading') });
    await choice.getByRole('radio', { name: t('problemArea.deficits') }).check();
    await choice.getByText(t('area.differs')).waitFor();
    await chooseArea(
      page,
      t('problemArea.deficits'),
      'Grief considered: the loss of Brandy worsened a long-standing isolation. Few people in her circle and a dismissing style: interpersonal sensitivities, as agreed with her.',
    );
    await choice.getByText(t('area.chosen', { area: t('problemArea.deficits') })).waitFor();
    await expectAccessible(page, 'sensitivities chosen over the grief hint');
    await shot(page, 'initial-ethyl-area');

    await presentAndAgree(
      page,
      /interpersonal sensitivity/,
      'I am a dog person, not a people person. But all right, I will try.',
    );

    // No contract yet: the gate refuses, and the clinician moves on anyway, with a written reason.
    const move = await tryMove(page, 'Contract agreed verbally; the written contract follows next session.');
    await move.locator('.gate-missing').getByText(t('gate.contract')).waitFor();
    await move.getByRole('button', { name: t('move.override') }).click();
    await move
      .getByRole('status')
      .filter({ hasText: t('move.overridden', { phase: t('phase.middle') }) })
      .waitFor();
    await expectAccessible(page, 'moved on by override');

    expect(problems).toEqual([]);
    await context.close();
  });
});

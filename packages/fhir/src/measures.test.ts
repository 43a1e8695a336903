import { epds, hamd17, InvalidAnswers, instruments, phq9, scoreAdministration, who5, wsas } from '@ipt/core';
import { describe, expect, it } from 'vitest';
import { toObservations, toQuestionnaireResponse } from './measure-results.js';
import { toQuestionnaire } from './questionnaire.js';

// vitest types its asymmetric matchers as `any`; held as `unknown`, they are checked like any other value.
const containing = (text: string): unknown => expect.stringContaining(text);

const refs = { subject: 'Patient/p1', encounter: 'Encounter/s3', effectiveDateTime: '2026-02-02T10:15:00Z' };

describe(toQuestionnaire.name, () => {
  it('builds the PHQ-9 with its LOINC panel, item codes, answer codes and ordinal values', () => {
    const q = toQuestionnaire(phq9);
    expect(q).toMatchObject({
      resourceType: 'Questionnaire',
      url: 'urn:ipt-workbench:questionnaire:phq-9',
      version: '1.0.0',
      name: 'PHQ9',
      status: 'active',
      code: [
        {
          system: 'http://loinc.org',
          code: '44249-1',
          display: 'PHQ-9 quick depression assessment panel [Reported.PHQ]',
        },
      ],
    });
    expect(q.copyright).toContain('No permission required to reproduce');
    expect(q.item).toHaveLength(10);
    expect(q.item[8]).toMatchObject({
      linkId: 'phq-9/9',
      prefix: '9',
      text: 'Thoughts that you would be better off dead, or of hurting yourself in some way',
      required: true,
      code: [{ code: '44260-8' }],
      answerOption: [
        { valueCoding: { code: 'LA6568-5', display: 'Not at all' }, extension: [{ valueDecimal: 0 }] },
        { valueCoding: { code: 'LA6569-3' } },
        { valueCoding: { code: 'LA6570-1' } },
        { valueCoding: { code: 'LA6571-9', display: 'Nearly every day' }, extension: [{ valueDecimal: 3 }] },
      ],
    });
  });

  it('gives the unscored difficulty item its LOINC codes, out of numeric order, and no ordinal values', () => {
    const difficulty = toQuestionnaire(phq9).item[9];
    expect(difficulty?.required).toBe(false);
    expect(difficulty?.answerOption.map((o) => o.valueCoding.code)).toEqual([
      'LA6572-7',
      'LA6573-5',
      'LA6575-0',
      'LA6574-3',
    ]);
    expect(difficulty?.answerOption.every((o) => !('extension' in o))).toBe(true);
  });

  it('shows neutral labels and no LOINC item codes for the EPDS, keeping the reverse key in the ordinal values', () => {
    const q = toQuestionnaire(epds);
    expect(q.description).toContain('Neutral labels');
    expect(q.copyright).toContain('Royal College of Psychiatrists');
    expect(q.item[2]).toMatchObject({
      linkId: 'epds/3',
      text: 'Item 3',
      answerOption: [
        {
          valueCoding: { system: 'urn:ipt-workbench:questionnaire:epds:option', code: '0', display: 'Option 1' },
          extension: [{ valueDecimal: 3 }],
        },
        {},
        {},
        { valueCoding: { code: '3', display: 'Option 4' }, extension: [{ valueDecimal: 0 }] },
      ],
    });
    expect(q.item.every((item) => !('code' in item))).toBe(true);
  });

  it('leaves HAM-D 16A and 16B optional, as only one of them is rated', () => {
    const q = toQuestionnaire(hamd17);
    expect(q.item.filter((item) => !item.required).map((item) => item.prefix)).toEqual(['16A', '16B']);
    expect(q.description).toContain('Clinician-rated');
  });

  it.each(instruments.map((i) => [i.shortName, i] as const))('%s: one Questionnaire item per registry item', (_, i) => {
    expect(toQuestionnaire(i).item.map((item) => item.linkId)).toEqual(i.items.map((item) => item.id));
  });
});

describe(toQuestionnaireResponse.name, () => {
  it('records the chosen options, leaving out unanswered items', () => {
    const qr = toQuestionnaireResponse(phq9, { id: 'a1', answers: [1, 1, null, 1, 1, 1, 1, 1, 2] }, refs);
    expect(qr).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      id: 'a1',
      questionnaire: 'urn:ipt-workbench:questionnaire:phq-9|1.0.0',
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/s3' },
      authored: '2026-02-02T10:15:00Z',
    });
    expect(qr.item.map((i) => i.linkId)).not.toContain('phq-9/3');
    expect(qr.item.at(-1)).toMatchObject({ linkId: 'phq-9/9', answer: [{ valueCoding: { code: 'LA6570-1' } }] });
  });

  it('refuses answers that do not fit the instrument', () => {
    expect(() => toQuestionnaireResponse(phq9, { answers: [9, 0, 0, 0, 0, 0, 0, 0, 0] }, refs)).toThrow(InvalidAnswers);
  });
});

describe(toObservations.name, () => {
  it('makes a LOINC-coded total and one Observation for the flagged item 9', () => {
    const answers = [2, 2, 1, 1, 2, 1, 1, 0, 2];
    const obs = toObservations(phq9, { id: 'a1', answers, ...scoreAdministration(phq9, answers) }, refs);
    expect(obs).toHaveLength(2);
    expect(obs[0]).toMatchObject({
      resourceType: 'Observation',
      id: 'a1-total',
      status: 'final',
      category: [{ coding: [{ code: 'survey' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/s3' },
      effectiveDateTime: '2026-02-02T10:15:00Z',
      valueInteger: 12,
      interpretation: [{ text: 'Moderate' }],
      derivedFrom: [{ reference: 'QuestionnaireResponse/a1' }],
    });
    expect(obs[1]).toMatchObject({
      id: 'a1-item-9',
      code: { coding: [{ code: '44260-8' }] },
      valueInteger: 2,
      interpretation: [{ text: containing('assess suicide risk') }, { text: containing('same-day') }],
    });
  });

  it('still reports the flagged item when the total is not scorable, and notes a prorated total', () => {
    const unscorable = [null, null, null, 0, 0, 0, 0, 0, 1];
    const obs = toObservations(phq9, { answers: unscorable, ...scoreAdministration(phq9, unscorable) }, refs);
    expect(obs.map((o) => o.code.coding[0]?.code)).toEqual(['44260-8']);
    const prorated = [1, 1, null, 1, 1, 1, 1, 1, 0];
    const [total] = toObservations(phq9, { answers: prorated, ...scoreAdministration(phq9, prorated) }, refs);
    expect(total?.note).toEqual([{ text: 'Prorated: item 3 imputed from the mean of the others.' }]);
    expect(total).not.toHaveProperty('id');
  });

  it('codes totals without a verified LOINC code in our own system, and takes a stored band label', () => {
    const [w] = toObservations(
      who5,
      { answers: [0, 0, 0, 0, 0], scorable: true, total: 100, band: 'Not at immediate risk', flags: [] },
      refs,
    );
    expect(w?.code).toEqual({
      coding: [{ system: 'urn:ipt-workbench:measure', code: 'who-5/total', display: 'WHO-5 percentage score' }],
      text: 'WHO-5 percentage score',
    });
    const [s] = toObservations(wsas, { answers: [1, 1, 1, 1, 1], ...scoreAdministration(wsas, [1, 1, 1, 1, 1]) }, refs);
    expect(s?.code.coding[0]?.code).toBe('wsas/total');
  });

  it('uses the EPDS total code without the disputed display, and the EPDS item 10 flag', () => {
    const answers = [0, 0, 3, 0, 3, 3, 3, 3, 3, 2];
    const obs = toObservations(
      epds,
      { answers, ...scoreAdministration(epds, answers) },
      { ...refs, encounter: undefined },
    );
    expect(obs[0]?.code.coding[0]).toEqual({ system: 'http://loinc.org', code: '99046-5' });
    expect(obs[1]).toMatchObject({ code: { coding: [{ code: 'epds/10' }] }, valueInteger: 1 });
    expect(obs[0]).not.toHaveProperty('encounter');
  });
});

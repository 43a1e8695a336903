import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../errors.js';
import { classifyCourse, interpretChange, isInRemission } from './change.js';
import { epds } from './epds.js';
import { gad7 } from './gad-7.js';
import { hamd17 } from './ham-d-17.js';
import { phq9 } from './phq-9.js';
import { who5 } from './who-5.js';

// vitest types its asymmetric matchers as `any`; held as `unknown`, they are checked like any other value.
const containing = (text: string): unknown => expect.stringContaining(text);

describe(interpretChange.name, () => {
  it('counts a 50% fall from baseline as response, exactly at the edge', () => {
    expect(interpretChange(phq9, 20, 10).response.met).toBe(true);
    expect(interpretChange(phq9, 20, 11).response.met).toBe(false);
    expect(interpretChange(phq9, 20, 10).response.definition).toContain('at least 50%');
  });

  it('judges PHQ-9 remission below 5 (CMS159) on the current total', () => {
    expect(interpretChange(phq9, 12, 4).remission).toMatchObject({
      met: true,
      source: containing('CMS159'),
    });
    expect(interpretChange(phq9, 12, 5).remission.met).toBe(false);
  });

  it('calls a change of 6 PHQ-9 points or 4 GAD-7 points reliable, either way', () => {
    expect(interpretChange(phq9, 16, 10)).toMatchObject({
      change: -6,
      improvement: 6,
      reliableImprovement: { met: true },
      reliableDeterioration: { met: false },
    });
    expect(interpretChange(phq9, 10, 15).reliableDeterioration.met).toBe(false);
    expect(interpretChange(phq9, 10, 16).reliableDeterioration.met).toBe(true);
    expect(interpretChange(gad7, 12, 8).reliableImprovement.met).toBe(true);
    expect(interpretChange(gad7, 12, 9).reliableImprovement.met).toBe(false);
  });

  it('says why it cannot judge where no threshold is sourced, rather than guessing', () => {
    const c = interpretChange(epds, 15, 5);
    expect(c.remission).toEqual({
      met: null,
      definition: 'No standard remission threshold is sourced for the EPDS.',
      source: null,
    });
    expect(c.reliableImprovement.met).toBeNull();
    expect(c.response.met).toBe(true);
  });

  it('leaves response undefined from a baseline of 0', () => {
    expect(interpretChange(phq9, 0, 0).response.met).toBeNull();
  });

  it('reads WHO-5 the right way up: a rise is improvement, and response does not apply', () => {
    const c = interpretChange(who5, 40, 60);
    expect(c).toMatchObject({ change: 20, improvement: 20, response: { met: null } });
    expect(interpretChange(who5, 40, 60, { reliableChange: 10 }).reliableImprovement.met).toBe(true);
    expect(interpretChange(who5, 60, 40, { reliableChange: 10 }).reliableDeterioration.met).toBe(true);
  });

  it('takes overrides for every threshold, and says the service set them', () => {
    const c = interpretChange(phq9, 12, 5, { remission: 5, reliableChange: 5, responseFraction: 0.4 });
    expect(c.remission).toMatchObject({ met: true, source: containing('set by the service') });
    expect(c.reliableImprovement.met).toBe(true);
    expect(c.response.met).toBe(true);
  });

  it('refuses totals outside the instrument range', () => {
    expect(() => interpretChange(phq9, 28, 10)).toThrow(RuleViolation);
    expect(() => interpretChange(phq9, 10, Number.NaN)).toThrow(/0 to 27/);
  });
});

describe(isInRemission.name, () => {
  it('uses HAM-D ≤ 7 and has no answer for WHO-5', () => {
    expect(isInRemission(hamd17, 7)).toBe(true);
    expect(isInRemission(hamd17, 8)).toBe(false);
    expect(isInRemission(who5, 100)).toBeNull();
  });
});

describe(classifyCourse.name, () => {
  const course = [
    { date: '2026-03-02', total: 3 },
    { date: '2026-01-05', total: 15 },
    { date: '2026-02-02', total: 4 },
    { date: '2026-01-19', total: 12 },
  ];

  it('takes the earliest total as baseline, whatever the order given', () => {
    const c = classifyCourse(phq9, course);
    expect(c.baseline).toEqual({ date: '2026-01-05', total: 15 });
    expect(c.latest).toEqual({ date: '2026-03-02', total: 3 });
    expect(c.change).toMatchObject({ change: -12, response: { met: true }, reliableImprovement: { met: true } });
  });

  it('keeps remission, caseness recovery and sustained recovery apart (ERRATA Must-fix 9)', () => {
    const c = classifyCourse(phq9, course, { sustainedRecoveryMonths: 1 });
    expect(c.remission.met).toBe(true);
    expect(c.iaptRecovery.met).toBe(true);
    // In remission on 2 Feb and 2 Mar: one month, two administrations.
    expect(c.sustainedRecovery).toMatchObject({ met: true, since: '2026-02-02' });
    expect(classifyCourse(phq9, course, { sustainedRecoveryMonths: 2 }).sustainedRecovery.met).toBe(false);

    // In remission at the end, but never a case: no caseness recovery.
    const mild = classifyCourse(phq9, [
      { date: '2026-01-05', total: 8 },
      { date: '2026-02-05', total: 3 },
    ]);
    expect(mild.remission.met).toBe(true);
    expect(mild.iaptRecovery.met).toBe(false);
  });

  it('judges sustained recovery by the provisional six-month rule by default, naming it provisional', () => {
    const c = classifyCourse(phq9, course);
    expect(c.sustainedRecovery).toMatchObject({ met: false, since: '2026-02-02' });
    expect(c.sustainedRecovery.definition).toContain('provisional');
    expect(c.sustainedRecovery.definition).toContain('6 months');
    expect(c.sustainedRecovery.source).toContain('Frank et al. 1991');
    const sixMonths = classifyCourse(phq9, [
      { date: '2026-01-05', total: 16 },
      { date: '2026-03-02', total: 4 },
      { date: '2026-06-01', total: 3 },
      { date: '2026-09-02', total: 2 },
    ]);
    expect(sixMonths.sustainedRecovery).toMatchObject({ met: true, since: '2026-03-02' });
    const oneDayShort = classifyCourse(phq9, [
      { date: '2026-01-05', total: 16 },
      { date: '2026-03-02', total: 4 },
      { date: '2026-09-01', total: 2 },
    ]);
    expect(oneDayShort.sustainedRecovery.met).toBe(false);
  });

  it('needs two administrations in remission, after one that was not', () => {
    const once = classifyCourse(phq9, [
      { date: '2025-01-05', total: 16 },
      { date: '2026-01-05', total: 4 },
    ]);
    expect(once.sustainedRecovery).toMatchObject({ met: false, since: '2026-01-05' });
    const fromBaseline = classifyCourse(phq9, [
      { date: '2025-01-05', total: 3 },
      { date: '2026-01-05', total: 2 },
    ]);
    expect(fromBaseline.sustainedRecovery).toMatchObject({ met: null, since: '2025-01-05' });
  });

  it('does not judge sustained recovery where no remission threshold is sourced (EPDS)', () => {
    const c = classifyCourse(epds, [
      { date: '2025-01-05', total: 15 },
      { date: '2025-09-05', total: 4 },
      { date: '2026-01-05', total: 3 },
    ]);
    expect(c.sustainedRecovery).toMatchObject({ met: null, source: null });
    expect(c.sustainedRecovery.definition).toContain('No standard remission threshold');
  });

  it('breaks sustained recovery at any total above the remission threshold', () => {
    const relapse = [...course, { date: '2026-03-16', total: 9 }];
    const c = classifyCourse(phq9, relapse, { sustainedRecoveryMonths: 1 });
    expect(c.sustainedRecovery).toMatchObject({ met: false, since: null });
  });

  it('names caseness recovery as undefined where the instrument has no caseness threshold', () => {
    const c = classifyCourse(hamd17, [
      { date: '2026-01-05', total: 20 },
      { date: '2026-03-05', total: 6 },
    ]);
    expect(c.remission.met).toBe(true);
    expect(c.iaptRecovery.met).toBeNull();
  });

  it('answers an empty series with nothing judged', () => {
    const c = classifyCourse(phq9, []);
    expect(c).toMatchObject({ baseline: null, latest: null, change: null, remission: { met: null } });
  });

  it('refuses a date it cannot read', () => {
    expect(() => classifyCourse(phq9, [{ date: 'last Tuesday', total: 4 }])).toThrow(RuleViolation);
  });
});

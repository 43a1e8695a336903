import { describe, expect, it } from 'vitest';
import { addDays, type CourseFacts } from '../course/course.js';
import { presetPhaseLengths } from '../course/phase.js';
import {
  assertGate,
  type GateItem,
  InitialPhaseIncomplete,
  type InitialPhaseFacts,
  initialPhaseChecklist,
  initialPhaseRunsLong,
} from './gate.js';

const complete: InitialPhaseFacts = {
  diagnosis: 'Major depressive disorder',
  baselineSeverity: { instrumentId: 'phq-9', total: 17 },
  sickRoleExplained: true,
  inventoryCount: 3,
  currentEpisodeOnset: { year: 2025, month: 12 },
  primaryProblemArea: 'dispute',
  formulationStatus: 'agreed',
  contract: { plannedSessions: 16, endDate: '2026-06-15' },
  safetyScreenDone: true,
  openRiskFlags: 0,
};

/** For each gate item, one way of leaving it undone. */
const undone: Record<GateItem, Partial<InitialPhaseFacts>> = {
  diagnosis: { baselineSeverity: null },
  'sick-role': { sickRoleExplained: false },
  inventory: { inventoryCount: 0 },
  timeline: { currentEpisodeOnset: null },
  'problem-area': { primaryProblemArea: null },
  formulation: { formulationStatus: 'presented' },
  contract: { contract: { plannedSessions: 16, endDate: null } },
  'safety-screen': { safetyScreenDone: false },
};

describe('the safety screen item and open risk flags (DOMAIN §10.2)', () => {
  it('is not done while a risk flag is open, even with a scorable screen', () => {
    const item = initialPhaseChecklist({ ...complete, openRiskFlags: 1 }).find((i) => i.id === 'safety-screen');
    expect(item?.done).toBe(false);
    expect(item?.label).toBe('Safety screen done and every risk flag reviewed');
  });
});

describe(initialPhaseChecklist.name, () => {
  it('lists the eight gate items in order, each with its label and source', () => {
    const items = initialPhaseChecklist(complete);
    expect(items.map((i) => i.id)).toEqual(Object.keys(undone));
    for (const i of items) {
      expect(i.done).toBe(true);
      expect(i.source).toMatch(/^DOMAIN §1\.2 exit gate \[Inference\] item \d/);
    }
    expect(initialPhaseChecklist({ ...complete, diagnosis: ' ' }).find((i) => i.id === 'diagnosis')?.done).toBe(false);
  });
});

describe(assertGate.name, () => {
  it('lets a complete initial phase into the middle phase', () => {
    expect(assertGate(complete)).toEqual({ overridden: false, missing: [], reason: null });
  });

  it.each(Object.entries(undone))('blocks the middle phase while "%s" is missing', (item, change) => {
    const facts = { ...complete, ...change };
    expect(
      initialPhaseChecklist(facts)
        .filter((i) => !i.done)
        .map((i) => i.id),
    ).toEqual([item]);
    expect(() => assertGate(facts)).toThrow(InitialPhaseIncomplete);
    expect(() => assertGate(facts)).toThrow(expect.objectContaining({ field: 'gate', missing: [item] }));
  });

  it('says what is missing in plain words', () => {
    expect(() => assertGate({ ...complete, safetyScreenDone: false, sickRoleExplained: false })).toThrow(
      'The initial phase is not finished. Still missing: sick role explained; safety screen done and every risk flag reviewed.',
    );
  });

  it('lets an override with a written reason through, recording what was missing', () => {
    const facts = { ...complete, formulationStatus: 'declined' as const };
    expect(
      assertGate(facts, { reason: ' Patient wants to start; formulation to be revisited in session 4. ' }),
    ).toEqual({
      overridden: true,
      missing: ['formulation'],
      reason: 'Patient wants to start; formulation to be revisited in session 4.',
    });
  });

  it('refuses an override without a reason', () => {
    const facts = { ...complete, safetyScreenDone: false };
    expect(() => assertGate(facts, { reason: '   ' })).toThrow(expect.objectContaining({ field: 'override.reason' }));
  });
});

describe(initialPhaseRunsLong.name, () => {
  const course = (preset: 'iptuk' | 'weissman-markowitz'): CourseFacts => ({
    plannedSessions: 16,
    phaseLengths: presetPhaseLengths(preset),
    startDate: '2026-03-02',
    schedule: { weekday: 1, time: '10:00' },
    phase: 'initial',
    status: 'active',
  });
  const sessions = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      number: i + 1,
      date: addDays('2026-03-02', 7 * i),
      attendance: 'attended' as const,
    }));

  it('flags an initial phase past 3 sessions, or past 4 for IPTUK', () => {
    expect(initialPhaseRunsLong(course('weissman-markowitz'), sessions(3), '2026-03-20')).toBe(false);
    expect(initialPhaseRunsLong(course('weissman-markowitz'), sessions(4), '2026-03-27')).toBe(true);
    expect(initialPhaseRunsLong(course('iptuk'), sessions(4), '2026-03-27')).toBe(false);
    expect(initialPhaseRunsLong(course('iptuk'), sessions(5), '2026-04-03')).toBe(true);
  });
});

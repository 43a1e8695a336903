import { describe, expect, it } from 'vitest';
import {
  allowedNextPhases,
  assertPhaseTransition,
  expectedPhase,
  Phase,
  phaseBoundaries,
  phases,
  presetPhaseLengths,
  SchoolPreset,
  schoolPresets,
  sessionPhases,
  statusAfterPhase,
} from './phase.js';

describe(expectedPhase.name, () => {
  it('follows the IPTUK boundaries for 16 sessions: 1–4 initial, 5–12 middle, 13–16 termination', () => {
    const lengths = presetPhaseLengths(SchoolPreset.iptuk);
    const byNumber = Array.from({ length: 16 }, (_, i) => expectedPhase(i + 1, 16, lengths));
    expect(byNumber.slice(0, 4)).toEqual(Array(4).fill('initial'));
    expect(byNumber.slice(4, 12)).toEqual(Array(8).fill('middle'));
    expect(byNumber.slice(12)).toEqual(Array(4).fill('termination'));
  });

  it('keeps the Weissman/Markowitz initial phase to three sessions and ends with the final three', () => {
    const lengths = presetPhaseLengths(SchoolPreset.weissmanMarkowitz);
    expect(expectedPhase(3, 16, lengths)).toBe('initial');
    expect(expectedPhase(4, 16, lengths)).toBe('middle');
    expect(expectedPhase(13, 16, lengths)).toBe('middle');
    expect(expectedPhase(14, 16, lengths)).toBe('termination');
  });

  it('gives Stuart & Robertson a one-to-two-session conclusion', () => {
    const lengths = presetPhaseLengths(SchoolPreset.stuart);
    expect(expectedPhase(14, 16, lengths)).toBe('middle');
    expect(expectedPhase(15, 16, lengths)).toBe('termination');
  });

  it('scales to a 12-session course and treats sessions past the plan as termination work', () => {
    const lengths = presetPhaseLengths(SchoolPreset.weissmanMarkowitz);
    expect(phaseBoundaries(12, lengths)).toEqual({ initialEnd: 3, middleStart: 4, terminationStart: 10 });
    expect(expectedPhase(20, 12, lengths)).toBe('termination');
  });

  it('never returns a phase out of order as session numbers rise, for every preset and plan size', () => {
    const order = ['initial', 'middle', 'termination'];
    for (const preset of schoolPresets) {
      for (let planned = 8; planned <= 30; planned++) {
        let last = 0;
        for (let n = 1; n <= planned + 4; n++) {
          const idx = order.indexOf(expectedPhase(n, planned, presetPhaseLengths(preset)));
          expect(idx).toBeGreaterThanOrEqual(last);
          last = idx;
        }
      }
    }
  });

  it('rejects a session number that is not a whole number from 1', () => {
    const lengths = presetPhaseLengths(SchoolPreset.iptuk);
    expect(() => expectedPhase(0, 16, lengths)).toThrow(/whole number/);
    expect(() => expectedPhase(2.5, 16, lengths)).toThrow(/whole number/);
  });
});

describe(assertPhaseTransition.name, () => {
  it('allows one step forward, maintenance after termination, and ending from any open phase', () => {
    expect(() => assertPhaseTransition(Phase.initial, Phase.middle)).not.toThrow();
    expect(() => assertPhaseTransition(Phase.middle, Phase.termination)).not.toThrow();
    expect(() => assertPhaseTransition(Phase.termination, Phase.maintenance)).not.toThrow();
    expect(() => assertPhaseTransition(Phase.initial, Phase.ended)).not.toThrow();
  });

  it('refuses to skip a phase, to go back, or to leave an ended course', () => {
    expect(() => assertPhaseTransition(Phase.initial, Phase.termination)).toThrow(/cannot move/);
    expect(() => assertPhaseTransition(Phase.middle, Phase.initial)).toThrow(/cannot move/);
    expect(allowedNextPhases(Phase.ended)).toEqual([]);
  });

  it('offers every phase but the first as a destination from somewhere', () => {
    const reachable = new Set(phases.flatMap((p) => allowedNextPhases(p)));
    expect([...reachable].sort()).toEqual(['ended', 'maintenance', 'middle', 'termination']);
  });
});

describe(statusAfterPhase.name, () => {
  it('completes a course ended after termination and marks an earlier end as ended early', () => {
    expect(statusAfterPhase(Phase.termination, Phase.ended)).toBe('completed');
    expect(statusAfterPhase(Phase.maintenance, Phase.ended)).toBe('completed');
    expect(statusAfterPhase(Phase.middle, Phase.ended)).toBe('ended-early');
    expect(statusAfterPhase(Phase.initial, Phase.middle)).toBe('active');
  });
});

describe(sessionPhases.name, () => {
  // A 16-session IPTUK course (1–4 initial, 5–12 middle, 13–16 termination) moved to termination after session 8,
  // because the patient is moving away (fictional).
  const iptuk = { plannedSessions: 16, phaseLengths: presetPhaseLengths(SchoolPreset.iptuk) };
  const held = (phase: Phase, ...numbers: number[]) => numbers.map((number) => ({ number, phase }));

  it('puts the next session in the phase the course is in, not where the plan had it', () => {
    const sessions = [...held('initial', 1, 2, 3, 4), ...held('middle', 5, 6, 7, 8)];
    const byNumber = sessionPhases({ ...iptuk, phase: 'termination', sessions, through: 16 });
    expect(byNumber.slice(0, 4)).toEqual(Array(4).fill('initial'));
    expect(byNumber.slice(4, 8)).toEqual(Array(4).fill('middle'));
    // Session 9 is next: the course is in termination, so it is, and so is every session after it.
    expect(byNumber.slice(8)).toEqual(Array(8).fill('termination'));
  });

  it('keeps a course still in its initial phase there for the next session, and the plan after it', () => {
    const sessions = held('initial', 1, 2, 3, 4, 5);
    const byNumber = sessionPhases({ ...iptuk, phase: 'initial', sessions, through: 16 });
    expect(byNumber.slice(0, 6)).toEqual(Array(6).fill('initial'));
    expect(byNumber.slice(6, 12)).toEqual(Array(6).fill('middle'));
    expect(byNumber.slice(12)).toEqual(Array(4).fill('termination'));
  });

  it('follows the plan for a new course, and draws recorded sessions in the phase they were held in', () => {
    expect(sessionPhases({ ...iptuk, phase: 'initial', sessions: [], through: 16 })).toEqual(
      Array.from({ length: 16 }, (_, i) => expectedPhase(i + 1, 16, iptuk.phaseLengths)),
    );
    const sessions = [...held('initial', 1, 2, 3), ...held('middle', 4)];
    expect(sessionPhases({ ...iptuk, phase: 'middle', sessions, through: 5 })).toEqual([
      'initial',
      'initial',
      'initial',
      'middle',
      'middle',
    ]);
  });

  it('gives a gap in the numbering the phase before it, and an ended course its last phase', () => {
    const sessions = [...held('initial', 1, 2), ...held('middle', 5)];
    expect(sessionPhases({ ...iptuk, phase: 'ended', sessions, through: 6 })).toEqual([
      'initial',
      'initial',
      'initial',
      'initial',
      'middle',
      'middle',
    ]);
  });
});

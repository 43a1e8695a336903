import { describe, expect, it } from 'vitest';
import { checklistFor } from '../initial/area-checklists.js';
import type { SessionWork } from './model.js';
import {
  applySessionWorkChange,
  assertSessionWork,
  disputeStageHistory,
  newSessionWork,
  sessionsRemaining,
} from './session-work.js';

const meta = { at: '2026-04-20T10:50:00Z', by: 'user-1', version: 3 };

describe(newSessionWork.name, () => {
  it('is an empty draft for the session', () => {
    const w = newSessionWork('s4');
    expect(w).toMatchObject({ sessionId: 's4', status: 'draft', finishedAt: null, amendments: [], strategies: [] });
    expect(w.checkIn).toEqual({ mood: null, administrationId: null, sinceLastMet: '' });
    expect(w.safetyCheck).toEqual({ done: false, concern: false, note: '' });
  });
});

describe(applySessionWorkChange.name, () => {
  it('merges the fields sent into a draft and leaves the rest', () => {
    const w = applySessionWorkChange(
      newSessionWork('s4'),
      { moodEventLink: 'Low after the row with Laura.', techniques: ['clarification'] },
      meta,
    );
    expect(w).toMatchObject({
      status: 'draft',
      moodEventLink: 'Low after the row with Laura.',
      techniques: ['clarification'],
    });
    expect(w.patientWillTry).toBe('');
    expect(w.amendments).toEqual([]);
  });

  it('finishing sets the finishing time', () => {
    const w = applySessionWorkChange(newSessionWork('s4'), { status: 'finished', patientWillTry: 'Ask Laura' }, meta);
    expect(w).toMatchObject({ status: 'finished', finishedAt: meta.at, patientWillTry: 'Ask Laura', amendments: [] });
  });

  const finished = applySessionWorkChange(newSessionWork('s4'), { status: 'finished' }, meta);

  it('refuses to change a finished record without a reason', () => {
    expect(() => applySessionWorkChange(finished, { moodEventLink: 'Edited' }, { ...meta, version: 4 })).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field: 'reason' }),
    );
    expect(() =>
      applySessionWorkChange(finished, { moodEventLink: 'Edited' }, { ...meta, version: 4, reason: '   ' }),
    ).toThrow(expect.objectContaining({ field: 'reason' }));
  });

  it('changes a finished record with a reason, appending the amendment and keeping it finished', () => {
    const at = '2026-04-21T09:00:00Z';
    const w = applySessionWorkChange(
      finished,
      { moodEventLink: 'Edited' },
      { at, by: 'user-2', version: 4, reason: ' Typo in the link. ' },
    );
    expect(w).toMatchObject({ status: 'finished', finishedAt: meta.at, moodEventLink: 'Edited' });
    expect(w.amendments).toEqual([{ at, by: 'user-2', reason: 'Typo in the link.', fromVersion: 4 }]);
    const again = applySessionWorkChange(w, { curiosityNote: 'More' }, { at, by: 'user-2', version: 5, reason: 'Add' });
    expect(again.amendments).toHaveLength(2);
  });

  it('refuses to put a finished record back to draft', () => {
    expect(() => applySessionWorkChange(finished, { status: 'draft' }, { ...meta, reason: 'Reopen' })).toThrow(
      expect.objectContaining({ field: 'status' }),
    );
  });

  it('a patch that changes nothing on a finished record needs no reason and returns it as it was', () => {
    expect(applySessionWorkChange(finished, { status: 'finished', moodEventLink: '' }, meta)).toBe(finished);
  });

  it('refuses an unknown status', () => {
    expect(() =>
      applySessionWorkChange(newSessionWork('s4'), { status: 'closed' as SessionWork['status'] }, meta),
    ).toThrow(expect.objectContaining({ field: 'status' }));
  });
});

describe(assertSessionWork.name, () => {
  const dispute = checklistFor('dispute').strategies.map((s) => s.id);
  const ctx = { strategyIds: dispute, disputeArea: true, administrationIds: ['adm-1'] };
  const good: SessionWork = {
    ...newSessionWork('s5'),
    checkIn: { mood: 4, administrationId: 'adm-1', sinceLastMet: 'A hard week.' },
    strategies: ['dispute.stage', 'dispute.expectations'],
    disputeStage: { stage: 'impasse', note: 'They have stopped talking.' },
    techniques: ['communication-analysis', 'encouragement-of-affect'],
    safetyCheck: { done: true, concern: false, note: '' },
  };

  it('accepts a session note that fits the course', () => {
    expect(() => assertSessionWork(good, ctx)).not.toThrow();
    expect(() => assertSessionWork(newSessionWork('s5'), ctx)).not.toThrow();
  });

  it.each([
    ['mood out of 0–10', { checkIn: { ...good.checkIn, mood: 11 } }, 'checkIn.mood'],
    ['a fractional mood', { checkIn: { ...good.checkIn, mood: 4.5 } }, 'checkIn.mood'],
    [
      'a measure of another course',
      { checkIn: { ...good.checkIn, administrationId: 'adm-x' } },
      'checkIn.administrationId',
    ],
    ['a strategy of another area', { strategies: ['grief.mourn'] }, 'strategies'],
    ['a strategy twice', { strategies: ['dispute.stage', 'dispute.stage'] }, 'strategies'],
    ['an unknown dispute stage', { disputeStage: { stage: 'truce', note: '' } }, 'disputeStage.stage'],
    ['an unknown technique', { techniques: ['hypnosis'] }, 'techniques'],
    ['a technique twice', { techniques: ['role-play', 'role-play'] }, 'techniques'],
    ['a concern without the check done', { safetyCheck: { done: false, concern: true, note: '' } }, 'safetyCheck.done'],
    ['finished without a time', { status: 'finished' }, 'finishedAt'],
  ])('refuses %s', (_what, change, field) => {
    expect(() => assertSessionWork({ ...good, ...change } as SessionWork, ctx)).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field }),
    );
  });

  it('refuses a dispute stage when the focus is not a role dispute', () => {
    expect(() => assertSessionWork(good, { ...ctx, disputeArea: false })).toThrow(
      expect.objectContaining({ field: 'disputeStage' }),
    );
  });
});

describe(sessionsRemaining.name, () => {
  it('counts the planned sessions not yet held, never below 0', () => {
    expect(sessionsRemaining(16, 0)).toBe(16);
    expect(sessionsRemaining(16, 5)).toBe(11);
    expect(sessionsRemaining(16, 16)).toBe(0);
    expect(sessionsRemaining(12, 14)).toBe(0);
  });

  it('refuses malformed numbers', () => {
    expect(() => sessionsRemaining(0, 0)).toThrow(expect.objectContaining({ field: 'plannedSessions' }));
    expect(() => sessionsRemaining(16, -1)).toThrow(expect.objectContaining({ field: 'lastSessionNumber' }));
  });
});

describe(disputeStageHistory.name, () => {
  const work = (sessionId: string, stage: SessionWork['disputeStage']): SessionWork => ({
    ...newSessionWork(sessionId),
    disputeStage: stage,
  });

  it('starts with the stage at the area choice, then each reassessment in session order', () => {
    const history = disputeStageHistory({ stage: 'impasse' }, [
      { sessionId: 's7', sessionNumber: 7, work: work('s7', { stage: 'renegotiation', note: 'Talking again.' }) },
      { sessionId: 's5', sessionNumber: 5, work: work('s5', { stage: 'impasse', note: 'Still silent.' }) },
      { sessionId: 's6', sessionNumber: 6, work: work('s6', null) },
    ]);
    expect(history).toEqual([
      { stage: 'impasse', sessionId: null, sessionNumber: null, note: '' },
      { stage: 'impasse', sessionId: 's5', sessionNumber: 5, note: 'Still silent.' },
      { stage: 'renegotiation', sessionId: 's7', sessionNumber: 7, note: 'Talking again.' },
    ]);
  });

  it('is empty without a dispute', () => {
    expect(disputeStageHistory(null, [{ sessionId: 's5', sessionNumber: 5, work: work('s5', null) }])).toEqual([]);
  });
});

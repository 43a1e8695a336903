import { describe, expect, it } from 'vitest';
import {
  assertEpisode,
  assertEpisodes,
  assertLifeEvent,
  assertLifeEventDate,
  currentEpisodeOnset,
  type Episode,
  type LifeEvent,
  proximalEvents,
} from './timeline.js';

const event = (id: string, date: LifeEvent['date'], category: LifeEvent['category'] = 'work'): LifeEvent => ({
  id,
  date,
  category,
  description: id,
});
const dates = { today: '2026-03-10', yearOfBirth: 1988 };

describe(proximalEvents.name, () => {
  it('marks events within three months either side of onset by default, in timeline order', () => {
    const onset = '2025-12-15';
    const result = proximalEvents(
      [
        event('after', '2026-03-15'),
        event('long-before', '2025-08-14'),
        event('just-inside', '2025-09-15'),
        event('same-day', onset),
        event('just-after-window', '2026-03-16'),
      ],
      onset,
    );
    expect(result.map((r) => [r.event.id, r.proximal, r.daysFromOnset])).toEqual([
      ['long-before', false, -123],
      ['just-inside', true, -91],
      ['same-day', true, 0],
      ['after', true, 90],
      ['just-after-window', false, 91],
    ]);
  });

  it('judges approximate dates on their midpoints and says they were approximate', () => {
    const [heartAttack] = proximalEvents([event('heart attack', { year: 2025, month: 10 }, 'health')], {
      year: 2025,
      month: 12,
    });
    expect(heartAttack).toMatchObject({ proximal: true, approximate: true, daysFromOnset: -61 });
  });

  it('takes a configurable window, and refuses a nonsense one', () => {
    const events = [event('five months before', '2025-07-15')];
    expect(proximalEvents(events, '2025-12-15', 6)[0]?.proximal).toBe(true);
    expect(proximalEvents(events, '2025-12-15')[0]?.proximal).toBe(false);
    expect(() => proximalEvents(events, '2025-12-15', -1)).toThrow(expect.objectContaining({ field: 'windowMonths' }));
    expect(() => proximalEvents(events, '2025-12-15', 1.5)).toThrow();
  });
});

describe(assertLifeEvent.name, () => {
  it('accepts a described, dated, categorised event with an impact from -3 to +3', () => {
    expect(() => assertLifeEvent({ ...event('quit job', '2025-11-14'), perceivedImpact: -3 }, dates)).not.toThrow();
  });

  it('refuses a future date, an unknown category, an empty description and an impact off the scale', () => {
    expect(() => assertLifeEvent(event('x', '2026-04-01'), dates)).toThrow(expect.objectContaining({ field: 'date' }));
    // @ts-expect-error -- 'divorce' is not a category: the deliberate bad input the runtime guard must refuse.
    expect(() => assertLifeEvent(event('x', '2025-01-01', 'divorce'), dates)).toThrow(
      expect.objectContaining({ field: 'category' }),
    );
    expect(() => assertLifeEvent({ ...event('x', '2025-01-01'), description: '  ' }, dates)).toThrow(
      expect.objectContaining({ field: 'description' }),
    );
    expect(() => assertLifeEvent({ ...event('x', '2025-01-01'), perceivedImpact: 4 }, dates)).toThrow(
      expect.objectContaining({ field: 'perceivedImpact' }),
    );
  });
});

describe(assertLifeEventDate.name, () => {
  // Mina (fictional), seven months after her son's birth, back to work at the bakery in April (today 10 March 2026).
  const back = { ...event('back to work at the bakery', { year: 2026, month: 4 }, 'work'), planned: true };

  it('takes an expected transition dated after today when it is marked planned', () => {
    expect(() => assertLifeEvent(back, dates)).not.toThrow();
    expect(() => assertLifeEvent({ ...back, date: '2026-03-11' }, dates)).not.toThrow();
    expect(() => assertLifeEvent({ ...back, date: { year: 2027 } }, dates)).not.toThrow();
  });

  it('asks for "planned" on a future date, naming the date field', () => {
    expect(() => assertLifeEvent({ ...back, planned: false }, dates)).toThrow(
      expect.objectContaining({
        field: 'date',
        message:
          'April 2026 is in the future (today is 2026-03-10). An event still to come is recorded as planned: tick “planned”, or change the date.',
      }),
    );
  });

  it('refuses "planned" on a date that has passed, today included, naming the planned field', () => {
    for (const date of ['2026-03-10', '2025-11-14', { year: 2026, month: 2 }] as const) {
      const passed = () => assertLifeEvent({ ...back, date }, dates);
      expect(passed).toThrow(expect.objectContaining({ field: 'planned' }));
      expect(passed).toThrow(/no longer planned/);
    }
  });

  it('takes either for an approximate date that spans today', () => {
    const march = { year: 2026, month: 3 };
    expect(() => assertLifeEventDate(march, true, dates)).not.toThrow();
    expect(() => assertLifeEventDate(march, false, dates)).not.toThrow();
  });

  it('still refuses a malformed date, planned or not', () => {
    expect(() => assertLifeEventDate('2026-02-30', true, dates)).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => assertLifeEventDate('soon', false, dates)).toThrow(expect.objectContaining({ field: 'date' }));
  });

  it('never counts a planned event as near the onset', () => {
    const [planned] = proximalEvents([{ ...back, date: '2026-03-20' }], { year: 2026, month: 2 });
    expect(planned).toMatchObject({ proximal: false });
  });
});

describe(assertEpisode.name, () => {
  const episode: Episode = { id: 'e1', kind: 'current', type: 'depressive', start: { year: 2025, month: 12 } };

  it('accepts an open current episode and a past one with treatments', () => {
    expect(() => assertEpisode(episode, dates)).not.toThrow();
    const past: Episode = {
      ...episode,
      kind: 'past',
      start: { year: 2010 },
      end: { year: 2011, month: 3 },
      peakSeverity: { description: 'off work for two months', instrumentId: 'phq-9', score: 21 },
      treatments: [{ kind: 'sertraline', start: { year: 2010 }, response: 'partial' }],
    };
    expect(() => assertEpisode(past, dates)).not.toThrow();
  });

  it('refuses an episode that ends before it starts, or dates before birth, naming the field', () => {
    expect(() => assertEpisode({ ...episode, end: '2025-11-01' }, dates)).toThrow(
      expect.objectContaining({ field: 'end' }),
    );
    expect(() => assertEpisode({ ...episode, start: { year: 1980 } }, dates)).toThrow(
      expect.objectContaining({ field: 'start' }),
    );
    expect(() => assertEpisode({ ...episode, treatments: [{ kind: 'CBT', start: '2027-01-01' }] }, dates)).toThrow(
      expect.objectContaining({ field: 'treatments.0.start' }),
    );
  });
});

describe(assertEpisodes.name, () => {
  it('allows one current episode only', () => {
    const current: Episode = { id: 'a', kind: 'current', type: 'depressive', start: '2025-12-01' };
    expect(() => assertEpisodes([current, { ...current, id: 'b', kind: 'past' }])).not.toThrow();
    expect(() => assertEpisodes([current, { ...current, id: 'b' }])).toThrow(/one current episode/);
  });
});

describe(currentEpisodeOnset.name, () => {
  it('finds the onset of the current episode, or null', () => {
    expect(currentEpisodeOnset([{ id: 'a', kind: 'past', type: 'depressive', start: { year: 1987 } }])).toBeNull();
    expect(
      currentEpisodeOnset([{ id: 'b', kind: 'current', type: 'depressive', start: { year: 2025, month: 10 } }]),
    ).toEqual({ year: 2025, month: 10 });
  });
});

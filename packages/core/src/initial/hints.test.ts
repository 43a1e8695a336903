import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HintInput, type HintRule, problemAreaHints } from './hints.js';
import { type InventoryEntry, newInventoryEntry } from './inventory.js';
import type { LifeEvent } from './timeline.js';

const onset = '2025-12-15';
const person = (id: string, changes: Partial<InventoryEntry> = {}): InventoryEntry => ({
  id,
  ...newInventoryEntry(id, 'other'),
  ...changes,
});
const event = (id: string, date: LifeEvent['date'], category: LifeEvent['category'], personId?: string): LifeEvent => ({
  id,
  date,
  category,
  description: id,
  personId: personId ?? null,
});
const hints = (input: Partial<HintInput>) => problemAreaHints({ onset, events: [], inventory: [], ...input });
const rules = (input: Partial<HintInput>) => hints(input).map((h) => h.rule);
const fires = (input: Partial<HintInput>, rule: HintRule) => rules(input).includes(rule);
const disputed = (met: 'yes' | 'partly' | 'no' | 'unknown', present = true) =>
  person('laura', {
    conflict: { present, frequency: 'weekly', whatHappens: 'argue about pick-ups', outcome: 'dropped' },
    expectations: { patient: 'asks ahead', other: 'covers at short notice', met },
  });

describe(problemAreaHints.name, () => {
  describe('a death near onset suggests grief', () => {
    it('fires for a death in the timeline within three months of onset, and says which one and when', () => {
      const [grief] = hints({
        events: [event('Brandy died', '2025-10-15', 'death', 'brandy')],
        inventory: [person('brandy')],
      });
      expect(grief).toMatchObject({ rule: 'death-near-onset', area: 'grief', presetArea: 'grief' });
      expect(grief?.evidence).toEqual([
        expect.objectContaining({ kind: 'event', eventId: 'Brandy died', personId: 'brandy', daysFromOnset: -61 }),
      ]);
      expect(grief?.evidence[0]?.summary).toBe('“Brandy died” (brandy), 2 months before the onset.');
    });

    it('fires for a deceased person in the inventory whose death is dated near onset', () => {
      const brandy = person('brandy', { deceased: true, dateOfDeath: { year: 2025, month: 11 } });
      expect(hints({ inventory: [brandy] })[0]?.evidence).toEqual([
        expect.objectContaining({ kind: 'person', personId: 'brandy', fields: ['deceased', 'dateOfDeath'] }),
      ]);
    });

    it('does not fire for a death long before onset, for a death date on someone alive, or without an onset', () => {
      expect(rules({ events: [event('grandfather died', '2025-04-01', 'death')] })).toEqual([]);
      expect(fires({ inventory: [person('mum', { dateOfDeath: '2025-12-01' })] }, 'death-near-onset')).toBe(false);
      expect(rules({ onset: null, events: [event('died', '2025-12-01', 'death')] })).toEqual([]);
    });
  });

  describe('conflict with non-reciprocal expectations suggests a role dispute', () => {
    it('fires when conflict is recorded and expectations are not, or only partly, met', () => {
      const [dispute] = hints({ inventory: [disputed('no')] });
      expect(dispute).toMatchObject({ rule: 'conflict-with-non-reciprocal-expectations', area: 'dispute' });
      expect(dispute?.evidence[0]).toMatchObject({
        kind: 'person',
        personId: 'laura',
        fields: ['conflict.present', 'expectations.met'],
        summary:
          'Conflict with laura; expectations not met: the patient expects “asks ahead”; laura expects “covers at short notice”.',
      });
      expect(rules({ inventory: [disputed('partly')] })).toEqual(['conflict-with-non-reciprocal-expectations']);
    });

    it('does not need an onset, and adds a dispute event near onset with the same person as evidence', () => {
      expect(rules({ onset: undefined, inventory: [disputed('no')] })).toEqual([
        'conflict-with-non-reciprocal-expectations',
      ]);
      const evidence = hints({
        inventory: [disputed('no')],
        events: [event('row', '2026-01-10', 'dispute', 'laura')],
      })[0]?.evidence;
      expect(evidence?.map((e) => e.kind)).toEqual(['person', 'event']);
    });

    it('does not fire when expectations are met or unknown, without conflict, or with someone who has died', () => {
      const dispute = 'conflict-with-non-reciprocal-expectations';
      expect(fires({ inventory: [disputed('yes')] }, dispute)).toBe(false);
      expect(fires({ inventory: [disputed('unknown')] }, dispute)).toBe(false);
      expect(fires({ inventory: [disputed('no', false)] }, dispute)).toBe(false);
      expect(fires({ inventory: [{ ...disputed('no'), deceased: true }] }, dispute)).toBe(false);
    });
  });

  describe('a role change near onset suggests a role transition', () => {
    it.each(['transition', 'work', 'move', 'birth', 'health'] as const)(
      'fires for a %s event near onset',
      (category) => {
        expect(rules({ events: [event('change', '2025-11-14', category)] })).toEqual(['role-change-near-onset']);
      },
    );

    it('does not fire for other categories, for a change far from onset, or without an onset', () => {
      for (const category of ['other', 'isolation', 'dispute'] as const) {
        expect(rules({ events: [event('x', '2025-11-14', category)] })).toEqual([]);
      }
      expect(rules({ events: [event('moved', '2024-06-01', 'move')] })).toEqual([]);
      expect(rules({ onset: 'not a date', events: [event('moved', '2025-12-01', 'move')] })).toEqual([]);
    });

    it('does not fire for a planned change: it has not happened', () => {
      const planned = { ...event('back to work', '2026-01-20', 'work'), planned: true };
      expect(rules({ events: [planned] })).toEqual([]);
    });

    it('uses the configured window', () => {
      const events = [event('new job', '2025-07-01', 'work')];
      expect(rules({ events })).toEqual([]);
      expect(rules({ events, windowMonths: 6 })).toEqual(['role-change-near-onset']);
    });
  });

  describe('nothing of these and a sparse circle suggest deficits, sensitivities or loneliness', () => {
    const acquaintances = [person('park', { closenessRing: 3 }), person('sister', { closenessRing: 2 })];

    it('fires with the warning to exclude the other areas first', () => {
      const [deficits] = hints({ inventory: acquaintances });
      expect(deficits).toMatchObject({ rule: 'sparse-circle-no-other-area', area: 'deficits', presetArea: 'deficits' });
      expect(deficits?.evidence).toEqual([
        expect.objectContaining({ kind: 'circle', closePeople: 1, from: 'inventory' }),
      ]);
      expect(deficits?.warnings.map((w) => w.id)).toEqual([
        'exclude-other-areas-first',
        'withdrawal-may-be-depression',
      ]);
    });

    it('reads the drawn circle when there is one, and does not count the dead', () => {
      const circle = [
        { personId: 'park', ring: 1, angle: 0 },
        { personId: 'sister', ring: 2, angle: 0 },
      ];
      expect(rules({ inventory: acquaintances, circle })).toEqual([]);
      const dead = [...acquaintances, person('gran', { deceased: true, closenessRing: 1 })];
      expect(rules({ inventory: dead })).toEqual(['sparse-circle-no-other-area']);
    });

    it('names the area in the course taxonomy, and warns when the taxonomy has none', () => {
      expect(hints({ inventory: acquaintances, preset: 'who4' })[0]?.presetArea).toBe('loneliness');
      const [stuart] = hints({ inventory: acquaintances, preset: 'stuart3' });
      expect(stuart?.presetArea).toBeNull();
      expect(stuart?.warnings.map((w) => w.id)).toContain('no-area-in-preset');
    });

    it('does not fire with two or more close people, when another area fired, or before the inventory is taken', () => {
      expect(rules({ inventory: [...acquaintances, person('friend', { closenessRing: 1 })] })).toEqual([]);
      expect(rules({ inventory: acquaintances, events: [event('moved', '2025-12-01', 'move')] })).toEqual([
        'role-change-near-onset',
      ]);
      expect(rules({ inventory: [] })).toEqual([]);
      expect(rules({ onset: null, inventory: acquaintances })).toEqual([]);
    });

    it('takes a tuned threshold', () => {
      const twoClose = [...acquaintances, person('friend', { closenessRing: 1 })];
      expect(rules({ inventory: twoClose, sparseMaxClose: 2 })).toEqual(['sparse-circle-no-other-area']);
    });
  });

  describe('bad input', () => {
    it('answers an empty record with no hint', () => {
      expect(problemAreaHints({ onset: null, events: [], inventory: [] })).toEqual([]);
      expect(problemAreaHints({} as HintInput)).toEqual([]);
      // @ts-expect-error -- no record at all: the deliberate bad input the function must survive.
      expect(problemAreaHints(undefined)).toEqual([]);
    });

    it('skips contradictory records instead of throwing', () => {
      const input = {
        onset: { year: 2025, month: 13 },
        events: [
          { id: '', date: '2025-12-01', category: 'death' },
          { id: 'x', date: '2025-02-30', category: 'death' },
          null,
        ],
        inventory: [{ id: 'y', deceased: 'yes', conflict: 'always', expectations: { met: 'no' } }, 42],
        circle: [{ personId: 'y', ring: 'inner' }],
        windowMonths: -3,
        preset: 'freud7',
      };
      // @ts-expect-error -- a contradictory record: the deliberate bad input the function must survive.
      expect(problemAreaHints(input)).toEqual([]);
    });

    it('never throws, whatever it is given', () => {
      fc.assert(
        fc.property(fc.anything(), (anything) => {
          expect(Array.isArray(problemAreaHints(anything as HintInput))).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('never throws on records of roughly the right shape, and cites only ids it was given', () => {
      const junk = fc.oneof(fc.anything(), fc.constant(undefined));
      const date = fc.oneof(
        fc
          .date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.record({
          year: fc.integer({ min: 2019, max: 2027 }),
          month: fc.option(fc.integer({ min: 0, max: 13 }), { nil: undefined }),
        }),
        junk,
      );
      const id = fc.constantFrom('a', 'b', 'c', '', ' ');
      const eventArb = fc.record({
        id,
        date,
        category: fc.oneof(fc.constantFrom('death', 'dispute', 'transition', 'work', 'move', 'other'), junk),
        personId: fc.oneof(id, junk),
        description: fc.oneof(fc.string(), junk),
      });
      const personArb = fc.record({
        id,
        personName: fc.oneof(fc.string(), junk),
        deceased: fc.oneof(fc.boolean(), junk),
        dateOfDeath: date,
        closenessRing: fc.oneof(fc.integer({ min: -1, max: 6 }), junk),
        conflict: fc.oneof(fc.record({ present: fc.oneof(fc.boolean(), junk) }), junk),
        expectations: fc.oneof(
          fc.record({ met: fc.oneof(fc.constantFrom('yes', 'no', 'partly', 'unknown'), junk) }),
          junk,
        ),
      });
      const inputArb = fc.record({
        onset: date,
        events: fc.oneof(fc.array(fc.oneof(eventArb, junk), { maxLength: 6 }), junk),
        inventory: fc.oneof(fc.array(fc.oneof(personArb, junk), { maxLength: 6 }), junk),
        circle: fc.oneof(
          fc.array(fc.record({ personId: id, ring: fc.oneof(fc.integer({ min: 0, max: 5 }), junk) })),
          junk,
        ),
        preset: fc.oneof(fc.constantFrom('weissman4', 'stuart3', 'who4'), junk),
        windowMonths: fc.oneof(fc.integer({ min: -2, max: 30 }), junk),
        sparseMaxClose: fc.oneof(fc.integer({ min: -1, max: 3 }), junk),
      });
      fc.assert(
        fc.property(inputArb, (input) => {
          // @ts-expect-error -- arbitrary junk: the deliberate bad input the function must survive.
          const result = problemAreaHints(input);
          const known = new Set(['a', 'b', 'c']);
          for (const h of result) {
            expect(h.evidence.length).toBeGreaterThan(0);
            for (const e of h.evidence) {
              if (e.kind === 'event') expect(known.has(e.eventId)).toBe(true);
              if (e.kind === 'person') expect(known.has(e.personId)).toBe(true);
            }
          }
        }),
        { numRuns: 1000 },
      );
    });
  });
});

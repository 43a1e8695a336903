/**
 * Golden cases of change, per instrument (issue 10 part 3): each before → after pair with the reading `readChange`
 * gives it (DOMAIN §9.9; ERRATA Must-fix 9, rows 70–78) and whether the termination checklist then requires the
 * "not improved" task (DOMAIN §6.1). The same table is written to docs/notes/change-interpretation.md; that file is
 * this test's output (run with UPDATE_CHANGE_NOTES=1 to write it), and the test fails while it is out of date.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TerminationItem } from '../ending/model.js';
import { terminationItemCatalogue } from '../ending/termination.js';
import { type ChangeOutcome, type ChangeReading, cutOffs, readChange } from './change.js';
import { InstrumentId } from './instrument.js';
import { getInstrument, instruments } from './registry.js';

interface Golden {
  readonly before: number;
  /** null: only a baseline so far. */
  readonly after: number | null;
  readonly outcome: ChangeOutcome;
  readonly verdict: string;
  readonly response: boolean | null;
  readonly reliable: 'improvement' | 'deterioration' | 'none' | null;
  readonly remission: boolean | null;
  readonly belowCutOff: boolean | null;
}

const g = (
  before: number,
  after: number | null,
  outcome: ChangeOutcome,
  verdict: string,
  judged: {
    response: boolean | null;
    reliable: Golden['reliable'];
    remission: boolean | null;
    belowCutOff: boolean | null;
  },
): Golden => ({ before, after, outcome, verdict, ...judged });

const golden: Readonly<Record<InstrumentId, readonly Golden[]>> = {
  // Remission ≤ 4 (< 5, CMS159), reliable change 6, response 50%, cut-off ≥ 10.
  [InstrumentId.phq9]: [
    g(18, 5, 'improved', 'Improved: response, reliable improvement and below the cut-off', {
      response: true,
      reliable: 'improvement',
      remission: false,
      belowCutOff: true,
    }),
    g(18, 12, 'improved', 'Improved: reliable improvement', {
      response: false,
      reliable: 'improvement',
      remission: false,
      belowCutOff: false,
    }),
    g(20, 10, 'improved', 'Improved: response and reliable improvement', {
      response: true,
      reliable: 'improvement',
      remission: false,
      belowCutOff: false,
    }),
    g(12, 4, 'improved', 'Improved: response, reliable improvement, remission and below the cut-off', {
      response: true,
      reliable: 'improvement',
      remission: true,
      belowCutOff: true,
    }),
    g(12, 9, 'improved', 'Improved: below the cut-off', {
      response: false,
      reliable: 'none',
      remission: false,
      belowCutOff: true,
    }),
    g(18, 15, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: 'none',
      remission: false,
      belowCutOff: false,
    }),
    g(8, 8, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: 'none',
      remission: false,
      belowCutOff: null,
    }),
    g(10, 16, 'worse', 'Worse: reliable deterioration (a change of at least 6 points)', {
      response: false,
      reliable: 'deterioration',
      remission: false,
      belowCutOff: false,
    }),
    g(3, 2, 'well-throughout', 'In remission at baseline and at the latest: this measure cannot show improvement', {
      response: false,
      reliable: 'none',
      remission: true,
      belowCutOff: null,
    }),
    g(0, 0, 'well-throughout', 'In remission at baseline and at the latest: this measure cannot show improvement', {
      response: null,
      reliable: 'none',
      remission: true,
      belowCutOff: null,
    }),
    g(18, null, 'too-few', 'Change cannot be judged yet: it needs a baseline and a later score', {
      response: null,
      reliable: null,
      remission: false,
      belowCutOff: null,
    }),
  ],
  // Response 50%, cut-off ≥ 3; no reliable-change or remission threshold sourced.
  [InstrumentId.phq2]: [
    g(4, 2, 'improved', 'Improved: response and below the cut-off', {
      response: true,
      reliable: null,
      remission: null,
      belowCutOff: true,
    }),
    g(3, 2, 'improved', 'Improved: below the cut-off', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: true,
    }),
    g(6, 4, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: false,
    }),
    g(1, 5, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: null,
    }),
    // A response by the rule, from a baseline already below the cut-off: the table shows it as it is.
    g(2, 1, 'improved', 'Improved: response', {
      response: true,
      reliable: null,
      remission: null,
      belowCutOff: null,
    }),
    g(
      2,
      2,
      'well-throughout',
      'On the well side of the cut-off at baseline and at the latest: this measure cannot show improvement',
      { response: false, reliable: null, remission: null, belowCutOff: null },
    ),
  ],
  // Reliable change 4, response 50%, cut-offs ≥ 8 (caseness) and ≥ 10 (screening); no remission threshold.
  [InstrumentId.gad7]: [
    g(15, 7, 'improved', 'Improved: response, reliable improvement and below the cut-off', {
      response: true,
      reliable: 'improvement',
      remission: null,
      belowCutOff: true,
    }),
    g(12, 8, 'improved', 'Improved: reliable improvement', {
      response: false,
      reliable: 'improvement',
      remission: null,
      belowCutOff: false,
    }),
    g(9, 7, 'improved', 'Improved: below the cut-off', {
      response: false,
      reliable: 'none',
      remission: null,
      belowCutOff: true,
    }),
    g(12, 9, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: 'none',
      remission: null,
      belowCutOff: false,
    }),
    g(6, 11, 'worse', 'Worse: reliable deterioration (a change of at least 4 points)', {
      response: false,
      reliable: 'deterioration',
      remission: null,
      belowCutOff: null,
    }),
    g(
      5,
      4,
      'well-throughout',
      'On the well side of the cut-off at baseline and at the latest: this measure cannot show improvement',
      { response: false, reliable: 'none', remission: null, belowCutOff: null },
    ),
  ],
  // Response 50%, cut-offs ≥ 10 ("possible") and ≥ 13 ("likely"); no reliable-change and no standard remission
  // threshold (ERRATA row 44).
  [InstrumentId.epds]: [
    g(15, 9, 'improved', 'Improved: below the cut-off', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: true,
    }),
    g(16, 8, 'improved', 'Improved: response and below the cut-off', {
      response: true,
      reliable: null,
      remission: null,
      belowCutOff: true,
    }),
    g(15, 13, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: false,
    }),
    g(14, 11, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: false,
    }),
    g(12, 14, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: false,
    }),
    g(
      8,
      8,
      'well-throughout',
      'On the well side of the cut-off at baseline and at the latest: this measure cannot show improvement',
      { response: false, reliable: null, remission: null, belowCutOff: null },
    ),
    g(15, null, 'too-few', 'Change cannot be judged yet: it needs a baseline and a later score', {
      response: null,
      reliable: null,
      remission: null,
      belowCutOff: null,
    }),
  ],
  // Remission ≤ 7, response 50%; no reliable-change threshold, no screening cut-off.
  [InstrumentId.hamd17]: [
    g(20, 6, 'improved', 'Improved: response and remission', {
      response: true,
      reliable: null,
      remission: true,
      belowCutOff: null,
    }),
    g(16, 8, 'improved', 'Improved: response', {
      response: true,
      reliable: null,
      remission: false,
      belowCutOff: null,
    }),
    g(10, 7, 'improved', 'Improved: remission', {
      response: false,
      reliable: null,
      remission: true,
      belowCutOff: null,
    }),
    g(20, 12, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: false,
      belowCutOff: null,
    }),
    g(18, 24, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: false,
      belowCutOff: null,
    }),
    g(6, 5, 'well-throughout', 'In remission at baseline and at the latest: this measure cannot show improvement', {
      response: false,
      reliable: null,
      remission: true,
      belowCutOff: null,
    }),
  ],
  // Higher is better. Cut-off ≤ 50% (poor well-being); no response, reliable-change or remission threshold.
  [InstrumentId.who5]: [
    g(40, 60, 'improved', 'Improved: above the cut-off', {
      response: null,
      reliable: null,
      remission: null,
      belowCutOff: true,
    }),
    g(28, 48, 'not-improved', 'Not improved on any sourced criterion', {
      response: null,
      reliable: null,
      remission: null,
      belowCutOff: false,
    }),
    g(60, 40, 'not-judged', 'Change cannot be judged: no sourced threshold applies', {
      response: null,
      reliable: null,
      remission: null,
      belowCutOff: null,
    }),
    g(
      60,
      64,
      'well-throughout',
      'On the well side of the cut-off at baseline and at the latest: this measure cannot show improvement',
      { response: null, reliable: null, remission: null, belowCutOff: null },
    ),
  ],
  // Response 50%, cut-offs ≥ 10 and > 20; no reliable-change or remission threshold.
  [InstrumentId.wsas]: [
    g(25, 12, 'improved', 'Improved: response', {
      response: true,
      reliable: null,
      remission: null,
      belowCutOff: false,
    }),
    g(14, 8, 'improved', 'Improved: below the cut-off', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: true,
    }),
    g(25, 18, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: false,
    }),
    g(20, 30, 'not-improved', 'Not improved on any sourced criterion', {
      response: false,
      reliable: null,
      remission: null,
      belowCutOff: false,
    }),
    g(
      6,
      4,
      'well-throughout',
      'On the well side of the cut-off at baseline and at the latest: this measure cannot show improvement',
      { response: false, reliable: null, remission: null, belowCutOff: null },
    ),
  ],
};

function read(id: InstrumentId, before: number, after: number | null): ChangeReading {
  const points = [{ date: '2026-01-05', total: before }];
  if (after !== null) points.push({ date: '2026-04-20', total: after });
  return readChange(getInstrument(id), points);
}

const reliableOf = (r: ChangeReading): Golden['reliable'] =>
  r.reliableImprovement.met === null
    ? null
    : r.reliableImprovement.met
      ? 'improvement'
      : r.reliableDeterioration.met
        ? 'deterioration'
        : 'none';

/** Whether the checklist then requires "not improved: the treatment, not the patient, failed" (DOMAIN §6.1). */
function notImprovedTaskRequired(r: ChangeReading): boolean {
  const entry = terminationItemCatalogue({ improved: r.improved, leftInitialPhase: true }).find(
    (e) => e.id === TerminationItem.notImprovedReviewed,
  );
  return entry?.required ?? false;
}

describe('golden change cases, per instrument (DOMAIN §9.9)', () => {
  it('has a table for every instrument in the registry', () => {
    expect(Object.keys(golden).sort()).toEqual(instruments.map((i) => i.id).sort());
  });

  for (const [id, cases] of Object.entries(golden)) {
    describe(getInstrument(id as InstrumentId).shortName, () => {
      for (const c of cases) {
        it(`${c.before} → ${c.after ?? '(no later score)'}: ${c.outcome}`, () => {
          const r = read(id as InstrumentId, c.before, c.after);
          expect({
            outcome: r.outcome,
            verdict: r.verdict,
            response: r.response.met,
            reliable: reliableOf(r),
            remission: r.remission.met,
            belowCutOff: r.belowCutOff.met,
          }).toEqual({
            outcome: c.outcome,
            verdict: c.verdict,
            response: c.response,
            reliable: c.reliable,
            remission: c.remission,
            belowCutOff: c.belowCutOff,
          });
          expect(r.sentence.endsWith(`${c.verdict}.`) || c.after === null).toBe(true);
          expect(notImprovedTaskRequired(r)).toBe(c.outcome === 'not-improved' || c.outcome === 'worse');
        });
      }
    });
  }

  it('reads the tester’s perinatal course, EPDS 15 → 9, as what it is', () => {
    const r = read(InstrumentId.epds, 15, 9);
    expect(r.sentence).toBe(
      'EPDS 15 → 9: 6 points better, a 40% fall. Not a response: that needs a fall of at least 50%. No ' +
        'reliable-change threshold is sourced for the EPDS. Baseline at or above the ≥ 13 cut-off for likely ' +
        'depression; latest below the ≥ 10 cut-off for possible depression. No standard remission threshold is ' +
        'sourced for the EPDS. Improved: below the cut-off.',
    );
    expect(r.improved).toBe(true);
    expect(r.iaptRecovery.met).toBeNull();
    expect(notImprovedTaskRequired(r)).toBe(false);
  });
});

// ---------- no sentence with a missing number ----------

/** Fragments a sentence built from a missing value leaves behind. */
const broken = [
  /undefined/,
  /NaN/,
  /\bnull\b/,
  /Infinity/,
  /\{\w*\}/,
  /\bof \./,
  /\bof ,/,
  / \./,
  / ,/,
  /\(\s*\)/,
  / {2}/,
  /: \./,
  /≥ [^\d]/,
  /≤ [^\d]/,
  /→ [^\d]/,
  /[^\d%] →/,
  /at least (points|%)/,
];

function strings(r: ChangeReading): string[] {
  return [
    r.verdict,
    r.sentence,
    ...[
      r.response,
      r.reliableImprovement,
      r.reliableDeterioration,
      r.remission,
      r.belowCutOff,
      r.iaptRecovery,
      r.sustainedRecovery,
    ].flatMap((j) => [j.definition, j.source ?? '']),
  ].filter((s) => s !== '');
}

describe('every interpretation string is whole (no "of .", no "undefined", no "NaN", no empty placeholder)', () => {
  for (const instrument of instruments) {
    it(`${instrument.shortName}: every baseline and later total on a grid of the range, and one or no score`, () => {
      const { min, max } = instrument.scoring;
      const step = instrument.scoring.unit === '%' ? 4 : 1;
      const totals: number[] = [];
      for (let t = min; t <= max; t += step) totals.push(t);
      const seen = new Set<string>();
      const check = (r: ChangeReading, inputs: string) => {
        for (const s of strings(r)) {
          if (seen.has(s)) continue;
          seen.add(s);
          for (const pattern of broken) {
            expect.soft(pattern.test(s), `${inputs}: "${s}" matches ${pattern}`).toBe(false);
          }
        }
        // Every number the reading is about is in its sentence.
        if (r.baseline !== null) expect(r.sentence, inputs).toContain(String(r.baseline.total));
        if (r.latest !== null && r.change !== null) expect(r.sentence, inputs).toContain(String(r.latest.total));
        if (r.change !== null && r.change !== 0) expect(r.sentence, inputs).toContain(String(Math.abs(r.change)));
        if (r.percentFall !== null && r.change !== 0) {
          expect(r.sentence, inputs).toContain(`${Math.abs(r.percentFall)}%`);
        }
      };
      check(readChange(instrument, []), 'no score');
      for (const before of totals) {
        check(readChange(instrument, [{ date: '2026-01-05', total: before }]), `${before} only`);
        for (const after of totals) {
          const r = readChange(instrument, [
            { date: '2026-01-05', total: before },
            { date: '2026-04-20', total: after },
          ]);
          check(r, `${before} → ${after}`);
        }
      }
      // A longer series with a sustained run of remission (where the instrument has a threshold).
      check(
        readChange(instrument, [
          { date: '2025-01-05', total: max },
          { date: '2025-03-05', total: min },
          { date: '2025-10-05', total: min },
        ]),
        'a long series',
      );
      expect(seen.size).toBeGreaterThan(10);
    });
  }
});

// ---------- the note for the closing report: generated, never typed ----------

const yesNo = (v: boolean | null) => (v === null ? '—' : v ? 'yes' : 'no');
const cell = (s: string) => s.replace(/\|/g, '\\|');

function notes(): string {
  const lines = [
    '# Change interpretation: before → after, and what the ending shows',
    '',
    '<!-- Generated by packages/core/src/measures/change.golden.test.ts (UPDATE_CHANGE_NOTES=1); do not edit. -->',
    '',
    'Each row is one golden case: a baseline and a later total on one instrument, read by `readChange`',
    '(packages/core/src/measures/change.ts; DOMAIN §9.9, ERRATA Must-fix 9 and rows 70–78). "Not-improved task" is',
    'whether the termination checklist then requires "Not improved: … the treatment (not the patient) failed" (DOMAIN',
    '§6.1); it is required only on the course’s primary measure (PHQ-9, or EPDS for a perinatal course). The last',
    'column is the sentence the ending’s progress review, the chart’s interpretation and both documents show.',
    '',
    'Cut-offs used for "below the cut-off" (packages/core/src/measures/cut-offs.ts):',
    '',
    ...instruments.map((i) => {
      const list = cutOffs[i.id];
      const sign = i.scoring.direction === 'higher-is-worse' ? '≥' : '≤';
      return `- ${i.shortName}: ${list.length === 0 ? 'none sourced (read by remission)' : list.map((c) => `${sign} ${c.value}${i.scoring.unit ?? ''} ${c.meaning}`).join('; ')}`;
    }),
    '',
    '| Instrument | Before → after | Outcome | Response | Reliable change | Remission | Below the cut-off | Not-improved task | The ending shows |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [id, cases] of Object.entries(golden)) {
    for (const c of cases) {
      const r = read(id as InstrumentId, c.before, c.after);
      lines.push(
        `| ${r.shortName} | ${c.before} → ${c.after ?? '—'} | ${r.outcome} | ${yesNo(r.response.met)} | ${reliableOf(r) ?? '—'} | ${yesNo(r.remission.met)} | ${yesNo(r.belowCutOff.met)} | ${notImprovedTaskRequired(r) ? 'required' : 'not required'} | ${cell(r.sentence)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('docs/notes/change-interpretation.md', () => {
  it('is this table, as generated', () => {
    const file = new URL('../../../../docs/notes/change-interpretation.md', import.meta.url);
    const text = notes();
    if (process.env.UPDATE_CHANGE_NOTES === '1') {
      fs.mkdirSync(new URL('.', file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });
});

/** `ipt score`, run as a real process: offline scoring of CSV and JSON files with core only. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runIpt } from '../test/run-ipt.js';
import { afterAll, describe, expect, it } from 'vitest';

// vitest types its asymmetric matchers as `any`; held as `unknown`, they are checked like any other value.
const anyString: unknown = expect.any(String);
const containing = (text: string): unknown => expect.stringContaining(text);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-score-'));
// No database may be touched: point the data directory at a path that must stay absent, and PostgreSQL nowhere.
const dataDir = path.join(dir, 'must-not-exist');
const env = {
  ...process.env,
  IPT_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgres://nowhere.invalid:1/x',
};

const ipt = (args: string[], stdin = '') => runIpt(args, env, stdin);

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const phqCsv = [
  'item1,item2,item3,item4,item5,item6,item7,item8,item9,difficulty',
  '1,1,1,1,1,1,1,1,0,1',
  '2,2,1,1,2,1,1,0,2,',
  '1,1,,1,1,1,1,1,1',
  '3,3,3,3,3,3,3,3,,3',
  '0,0,0,0,0,0,0,x,1',
  '',
  '0,0,0,0,0,0,0',
].join('\n');

describe('ipt score', () => {
  it('scores a PHQ-9 CSV as a table, reporting every row, the unscorable ones with their reason', async () => {
    const r = await ipt(['score', '--instrument', 'phq-9', file('phq9.csv', phqCsv)]);
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('PHQ-9 (Patient Health Questionnaire-9): 6 row(s), 3 scorable.');
    expect(lines[1]).toBe('Line 1 read as a header.');
    expect(lines[2]).toMatch(/^Row\s+Total\s+Band\s+Flags\s+Note$/);
    expect(lines[3]).toMatch(/^2\s+8\s+Mild\s+—$/);
    expect(lines[4]).toMatch(/^3\s+12\s+Moderate\s+item 9: self-harm-thoughts, self-harm-thoughts-frequent$/);
    expect(lines[5]).toMatch(/^4\s+9\s+Mild\s+item 9: self-harm-thoughts\s+prorated \(item 3 imputed\)$/);
    // Item 9 left empty: no total, and a "not asked" flag, never "no risk" (ERRATA must-fix 1).
    expect(lines[6]).toMatch(
      /^5\s+—\s+—\s+item 9: self-harm-not-asked\s+not scorable: Item 9 is required and is never imputed/,
    );
    expect(lines[7]).toMatch(/^6\s+—\s+—\s+item 9: self-harm-thoughts\s+not scorable: Item 8: "x" is not a number\.$/);
    expect(lines[8]).toMatch(/^8\s+.*not scorable: PHQ-9 has 10 items: expected 9 or 10 answers, got 7\.$/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('prints one JSON object per line with total, band, flags by item number, scorable and row', async () => {
    const r = await ipt(['score', '--instrument', 'phq-9', '--format', 'json', file('phq9.csv', phqCsv)]);
    expect(r.code).toBe(0);
    const rows = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((row) => row.row)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(rows[1]).toEqual({
      row: 3,
      instrument: 'phq-9',
      scorable: true,
      total: 12,
      band: { id: 'moderate', label: 'Moderate' },
      flags: [
        { item: 9, code: 'self-harm-thoughts', label: anyString },
        { item: 9, code: 'self-harm-thoughts-frequent', label: anyString },
      ],
      imputedItems: [],
      reason: null,
    });
    expect(rows[2]).toMatchObject({ total: 9, imputedItems: [3] });
    expect(rows[3]).toMatchObject({
      scorable: false,
      total: null,
      band: null,
      reason: containing('Item 9'),
    });
  });

  it('reads a JSON array of answer arrays, keeping rows it cannot read', async () => {
    const json = JSON.stringify([
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      'not a row',
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      [0, 0, 3, 0, 3, 3, 3, 3, 3, null],
    ]);
    const r = await ipt(['score', '--instrument', 'epds', '--format', 'json', file('epds.json', json)]);
    expect(r.code).toBe(0);
    const rows = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // EPDS first options: items 3 and 5–10 reverse scored, so all-first is 21 with item 10 flagged.
    expect(rows[0]).toMatchObject({
      row: 1,
      total: 21,
      band: { id: 'likely' },
      flags: [{ item: 10, code: 'self-harm-thoughts' }],
    });
    expect(rows[1]).toMatchObject({ row: 2, scorable: false, reason: 'This row is not an array of answers.' });
    expect(rows[2]).toMatchObject({ row: 3, total: 20, flags: [{ item: 10 }] });
    expect(rows[3]).toMatchObject({ row: 4, scorable: false, reason: containing('no published rule') });
  });

  it('reads standard input and reports WHO-5 as a percentage', async () => {
    const r = await ipt(['score', '--instrument', 'who-5', '-'], '2,2,3,3,3\n0,0,0,0,0\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^1\s+48%\s+At risk/m);
    expect(r.out).toMatch(/^2\s+100%\s+Not at immediate risk/m);
  });

  it('exits 2 for usage errors and files it cannot read', async () => {
    const csv = file('ok.csv', '0,0\n');
    const cases = [
      [['score', csv], 'Give an --instrument'],
      [['score', '--instrument', 'bdi-ii', csv], 'one of phq-9, phq-2'],
      [['score', '--instrument', 'phq-2'], 'Give exactly one FILE'],
      [['score', '--instrument', 'phq-2', '--format', 'xml', csv], '--format is table or json'],
      [['score', '--instrument', 'phq-2', '--colour', csv], "Unknown option '--colour'"],
      [['score', '--instrument', 'phq-2', path.join(dir, 'absent.csv')], 'Cannot read'],
      [['score', '--instrument', 'phq-2', file('bad.json', '[[0,0]')], 'not valid JSON'],
    ] as const;
    for (const [args, message] of cases) {
      const r = await ipt([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
  });
});

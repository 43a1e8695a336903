/**
 * `ipt score --instrument ID FILE [--format table|json]`: score a file of administrations offline, with core only (no
 * server, no database).
 *
 * FILE is CSV or JSON (JSON when its first character is "["), or "-" for standard input.
 * - CSV: one row per administration, one column per item in the instrument's order; each cell is the position of the
 *   chosen option (0 for the first option as printed); an empty cell is a missing answer. If no cell of the first
 *   non-blank line is a number, that line is read as a header and skipped. Blank lines are skipped. Rows are
 *   numbered by their line in the file.
 * - JSON: an array of answer arrays (numbers and nulls); rows are numbered from 1.
 * Every row is reported, scorable or not (with the reason); none is dropped. Exit 0 when the file was read, 2 for a
 * usage error or a file that cannot be read.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  getInstrument,
  type Instrument,
  instrumentIds,
  isInstrumentId,
  type ScoreResult,
  scoreAdministration,
} from '@ipt/core';
import { CliError, type Io } from '../io.js';

export const scoreUsage = `  score --instrument ID FILE [--format table|json]
                        Score a CSV or JSON file of answers offline, one result per row.
                        Instruments: ${instrumentIds.join(', ')}.
                        CSV: one row per administration, one column per item; each cell is the position of the
                        chosen option (0 for the first), empty for missing; a first line with no numbers is a
                        header. JSON: an array of such answer arrays. FILE "-" reads standard input.`;

interface Row {
  /** Line number in a CSV file, or 1-based index in a JSON array. */
  readonly row: number;
  readonly answers: readonly unknown[] | null;
  /** Why the row could not even be read as answers. */
  readonly problem?: string;
}

function cell(raw: string): unknown {
  const text = raw
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  if (text === '') return null;
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Rows of a CSV text; `header` is the line number of a skipped header, if any. */
export function parseCsv(text: string): { rows: Row[]; header: number | null } {
  const rows: Row[] = [];
  let header: number | null = null;
  let first = true;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map(cell);
    if (first && cells.every((c) => typeof c !== 'number')) {
      header = i + 1;
    } else {
      rows.push({ row: i + 1, answers: cells });
    }
    first = false;
  });
  return { rows, header };
}

/** Rows of a JSON text: an array of answer arrays. A CliError when it is not one. */
export function parseJson(text: string): Row[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`The file is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(value)) throw new CliError('A JSON file must hold an array of answer arrays.');
  return value.map((answers: unknown, i) =>
    Array.isArray(answers)
      ? { row: i + 1, answers: answers as unknown[] }
      : { row: i + 1, answers: null, problem: 'This row is not an array of answers.' },
  );
}

interface Scored {
  readonly row: number;
  readonly result: ScoreResult | null;
  readonly problem?: string;
}

function toJsonLine(instrument: Instrument, s: Scored): string {
  const r = s.result;
  return JSON.stringify({
    row: s.row,
    instrument: instrument.id,
    scorable: r?.scorable ?? false,
    total: r?.total ?? null,
    band: r?.band ? { id: r.band.id, label: r.band.label } : null,
    flags: (r?.flags ?? []).map((f) => ({ item: f.item, code: f.code, label: f.label })),
    imputedItems: r?.imputedItems.map((m) => m.item) ?? [],
    reason: s.problem ?? r?.reason ?? null,
  });
}

function note(s: Scored): string {
  const r = s.result;
  if (r === null) return `not scorable: ${s.problem ?? ''}`;
  if (!r.scorable) return `not scorable: ${r.reason ?? ''}`;
  const notes = [];
  if (r.imputedItems.length > 0) notes.push(`prorated (item ${r.imputedItems.map((m) => m.item).join(', ')} imputed)`);
  if (r.notScoredItems.length > 0) notes.push(`item ${r.notScoredItems.join(', ')} not scored`);
  return notes.join('; ');
}

/** "item 9: self-harm-thoughts, self-harm-thoughts-frequent; item 10: …" */
function flagsByItem(r: ScoreResult | null): string {
  const byItem = new Map<string, string[]>();
  for (const f of r?.flags ?? []) byItem.set(String(f.item), [...(byItem.get(String(f.item)) ?? []), f.code]);
  return [...byItem].map(([item, codes]) => `item ${item}: ${codes.join(', ')}`).join('; ');
}

function table(instrument: Instrument, scored: readonly Scored[]): string {
  const unit = instrument.scoring.unit ?? '';
  const rows = scored.map((s) => [
    String(s.row),
    s.result?.total === null || s.result === null ? '—' : `${s.result.total}${unit}`,
    s.result?.band?.label ?? '—',
    flagsByItem(s.result) || '—',
    note(s),
  ]);
  const head = ['Row', 'Total', 'Band', 'Flags', 'Note'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((v, c) => (c === cells.length - 1 ? v : v.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

async function readInput(file: string, io: Io): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

function options(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { instrument: { type: 'string' }, format: { type: 'string', default: 'table' } },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\nUsage:\n${scoreUsage}`);
  }
}

export async function score(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = options(args);
  const id = values.instrument;
  if (!isInstrumentId(id)) {
    throw new CliError(`Give an --instrument: one of ${instrumentIds.join(', ')}.\n\nUsage:\n${scoreUsage}`);
  }
  if (values.format !== 'table' && values.format !== 'json') throw new CliError('--format is table or json.');
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new CliError(`Give exactly one FILE.\n\nUsage:\n${scoreUsage}`);

  const instrument = getInstrument(id);
  // A spreadsheet's byte-order mark would otherwise spoil the first cell.
  const text = (await readInput(file, io)).replace(/^\uFEFF/, '');
  const isJson = text.trimStart().startsWith('[');
  const csv = isJson ? null : parseCsv(text);
  const rows = csv?.rows ?? parseJson(text);

  const scored: Scored[] = rows.map((r) =>
    r.answers === null
      ? { row: r.row, result: null, ...(r.problem !== undefined && { problem: r.problem }) }
      : // Cells may be text ("x"): core reports each as "not a number" for its item, and never throws.
        { row: r.row, result: scoreAdministration(instrument, r.answers as (number | null)[]) },
  );

  if (values.format === 'json') {
    for (const s of scored) io.out(toJsonLine(instrument, s));
    return 0;
  }
  const scorable = scored.filter((s) => s.result?.scorable).length;
  io.out(`${instrument.shortName} (${instrument.name}): ${scored.length} row(s), ${scorable} scorable.`);
  if (csv?.header) io.out(`Line ${csv.header} read as a header.`);
  if (scored.length > 0) io.out(table(instrument, scored));
  return 0;
}

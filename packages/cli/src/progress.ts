/**
 * Progress of long work, on standard error (standard output keeps the result). Work of 16 MB or more says how far
 * it has got at every tenth of the way, one line each, so a terminal and a log read the same; shorter work is
 * quiet. The server reports each step's units done and the total.
 */
import type { BackupProgress } from '@ipt/server';
import type { Io } from './io.js';

/** SQLite's default page size: how many bytes a page of the copy stands for, to decide what is long. */
const PAGE_BYTES = 4096;
export const LONG_WORK_BYTES = 16 * 1000 * 1000;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function progressLines(io: Io, longWorkBytes = LONG_WORK_BYTES): (p: BackupProgress) => void {
  /** The tenths already said, per step. */
  const said = new Map<string, number>();
  return ({ step, done, total, unit }) => {
    const bytes = unit === 'pages' ? total * PAGE_BYTES : total;
    if (total <= 0 || bytes < longWorkBytes) return;
    const tenth = Math.floor((Math.min(done, total) / total) * 10);
    const last = said.get(step);
    if (last !== undefined && tenth <= last) return;
    // The first report of a step says it began, even when it is already some way in.
    said.set(step, tenth);
    const amount = unit === 'pages' ? `${done} of ${total} pages` : `${mb(done)} of ${mb(total)}`;
    io.err(`${step}: ${tenth * 10}% (${amount})`);
  };
}

import { describe, expect, it } from 'vitest';
import type { Io } from './io.js';
import { progressLines } from './progress.js';

function capture() {
  const lines: string[] = [];
  const io: Io = { out: () => undefined, err: (t) => lines.push(t), readStdin: async () => '', env: {} };
  return { io, lines };
}

describe('progress of long work', () => {
  it('says each tenth of a long step once, in order, on standard error', () => {
    const { io, lines } = capture();
    const report = progressLines(io, 1000);
    for (let done = 0; done <= 5000; done += 250) report({ step: 'Encrypting', done, total: 5000, unit: 'bytes' });
    report({ step: 'Encrypting', done: 5000, total: 5000, unit: 'bytes' });
    expect(lines.map((l) => /: (\d+)%/.exec(l)?.[1])).toEqual([
      '0',
      '10',
      '20',
      '30',
      '40',
      '50',
      '60',
      '70',
      '80',
      '90',
      '100',
    ]);
    expect(lines[0]).toBe('Encrypting: 0% (0.0 MB of 0.0 MB)');
  });

  it('reports pages for the copy, and keeps each step apart', () => {
    const { io, lines } = capture();
    const report = progressLines(io, 1000);
    report({ step: 'Copying the database', done: 0, total: 10, unit: 'pages' });
    report({ step: 'Copying the database', done: 10, total: 10, unit: 'pages' });
    report({ step: 'Encrypting', done: 4096, total: 40960, unit: 'bytes' });
    expect(lines).toEqual([
      'Copying the database: 0% (0 of 10 pages)',
      'Copying the database: 100% (10 of 10 pages)',
      'Encrypting: 10% (0.0 MB of 0.0 MB)',
    ]);
  });

  it('stays quiet for short work', () => {
    const { io, lines } = capture();
    const report = progressLines(io);
    report({ step: 'Decrypting', done: 1_000_000, total: 1_000_000, unit: 'bytes' });
    expect(lines).toEqual([]);
  });
});

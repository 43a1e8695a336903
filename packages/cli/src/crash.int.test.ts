/**
 * Kill -9 during grouped writes (issue 16, ADR 0021): the crash proof (bench/proof/crash.js) for a few rounds on
 * each database, as part of the suite. Eight writers send patients, courses, sessions and PHQ-9s at once, so the
 * server commits them in shared groups; it is killed at a random moment, restarted, and every acknowledged write must
 * be there, the database sound (SQLite integrity_check; PostgreSQL amcheck) and `ipt audit verify` clean.
 * `npm run proof:crash` runs the same proof for 50 rounds.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const postgresUrl = process.env.IPT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function crashProof(rounds: number): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ['bench/proof/crash.js', '--rounds', String(rounds), '--writers', '8', '--min-ms', '300', '--max-ms', '1500'],
    { cwd: root, env: { ...process.env, DATABASE_URL: postgresUrl } },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe('kill -9 during grouped writes', () => {
  it('loses no acknowledged write, keeps the database sound and the audit chain verifiable, on both databases', async () => {
    const { code, out } = await crashProof(4);
    const row = (db: string) =>
      new RegExp(`^\\| ${db} \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|`, 'm').exec(out);
    const databases = process.env.CI
      ? ['sqlite', 'postgresql']
      : ['sqlite', ...(row('postgresql') ? ['postgresql'] : [])];
    for (const db of databases) {
      const m = row(db);
      expect(m, `${db} row in:\n${out}`).not.toBeNull();
      const [rounds, acknowledged, lost, integrity, verify, fiveHundreds] = (m ?? []).slice(1).map(Number);
      expect({ db, rounds, lost, integrity, verify, fiveHundreds }).toEqual({
        db,
        rounds: 4,
        lost: 0,
        integrity: 0,
        verify: 0,
        fiveHundreds: 0,
      });
      expect(acknowledged).toBeGreaterThan(100);
    }
    expect(code, out).toBe(0);
  }, 600_000);
});

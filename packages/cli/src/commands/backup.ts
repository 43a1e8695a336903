/**
 * `ipt backup --out FILE` and `ipt restore FILE` (docs/decisions/0020-backup-restore.md): the SQLite database,
 * online and consistent, encrypted with the operator's backup key; restored only into an empty database, checked
 * end to end and with its audit trail verified before it is put in place.
 *
 * Exit codes: 0 done; 1 the backup is damaged or altered (nothing restored), or the restored audit trail does not
 * verify (said, with the break); 2 refused (usage, no key or the wrong one, a database that is not empty,
 * PostgreSQL: nothing written).
 */
import { parseArgs } from 'node:util';
import { BackupDamaged, type BackupSummary, backupDatabase, type RestoreSummary, restoreDatabase } from '@ipt/server';
import { CliError, type Io } from '../io.js';
import { progressLines } from '../progress.js';
import { reportVerification } from './audit-verify.js';

export const backupUsage = `  backup --out FILE     Back up the SQLite database (online, beside a running server) to a new FILE, encrypted
                        with the backup key (IPT_BACKUP_KEY or IPT_BACKUP_KEY_FILE). Neither the backup key
                        nor the audit key is in the file: keep both, apart from the backups.
  restore FILE          Restore a backup into the empty database of IPT_DATA_DIR, with the backup key and the
                        audit key it was made with; checks it end to end and verifies its audit trail.
                        On PostgreSQL use pg_dump / pg_restore (README, "Operations: backup and restore").`;

function parse<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\nUsage:\n${backupUsage}`);
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function tableLines(io: Io, tables: BackupSummary['tables']) {
  io.out('  Tables (rows, SHA-256 of the content):');
  for (const t of tables) io.out(`    ${t.name.padEnd(30)} ${String(t.rows).padStart(9)}  ${t.sha256}`);
}

const rowsOf = (tables: BackupSummary['tables']) => tables.reduce((n, t) => n + t.rows, 0);

function damaged(io: Io, err: unknown): number {
  if (!(err instanceof BackupDamaged)) throw err;
  io.err(`${err.message} Nothing was restored.`);
  return 1;
}

export async function backup(args: readonly string[], io: Io): Promise<number> {
  const { values } = parse(() => parseArgs({ args: [...args], options: { out: { type: 'string' } } }));
  if (!values.out) throw new CliError(`Give the file to write: --out FILE.\n\nUsage:\n${backupUsage}`);
  const s = await backupDatabase({ env: io.env, out: values.out, onProgress: progressLines(io) });
  io.out(
    `Backed up ${s.source} to ${s.file} in ${seconds(s.ms)}: ${mb(s.fileBytes)} (the database ${mb(s.databaseBytes)}), ` +
      `encrypted with the backup key ${s.keyId}.`,
  );
  const keyed = s.audit.keyId === null ? 'not keyed' : `keyed with the audit key ${s.audit.keyId}`;
  io.out(
    `  Snapshot: migration ${s.migration}; audit trail through event #${s.audit.seq} (${keyed}); ` +
      `${s.tables.length} tables, ${rowsOf(s.tables)} rows; ${s.checkpoints} audit checkpoint(s) carried.`,
  );
  tableLines(io, s.tables);
  io.out('  Neither the backup key nor the audit key is in the file: a restore needs both.');
  return 0;
}

export async function restore(args: readonly string[], io: Io): Promise<number> {
  const { positionals } = parse(() => parseArgs({ args: [...args], allowPositionals: true, options: {} }));
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new CliError(`Give exactly one FILE.\n\nUsage:\n${backupUsage}`);
  let s: RestoreSummary;
  try {
    s = await restoreDatabase({ env: io.env, file, onProgress: progressLines(io) });
  } catch (err) {
    return damaged(io, err);
  }
  io.out(
    `Restored ${s.file} (made ${s.createdAt} of ${s.source}) into ${s.target} in ${seconds(s.ms)}: ` +
      `${s.tables.length} tables, ${rowsOf(s.tables)} rows, every table identical to the backup's record.`,
  );
  io.out(
    `  Migration ${s.migration}; audit trail through event #${s.audit.seq}; ${s.checkpoints} checkpoint(s) ` +
      `restored to ${s.checkpointsFile}.`,
  );
  tableLines(io, s.tables);
  const code = reportVerification(io, s.verification);
  if (code !== 0) {
    io.err(
      'The database was restored as it was backed up, break included: the break was already in it. Keep the ' +
        'backup as evidence.',
    );
    return code;
  }
  if (s.anchored) io.out(`  A new checkpoint anchors the restored head (event #${s.audit.seq}).`);
  return 0;
}

/**
 * `ipt backup` and `ipt restore` on the embedded SQLite database (docs/decisions/0020-backup-restore.md).
 *
 * A backup is an online, consistent copy of the database (one snapshot, beside a running server), encrypted with the
 * operator's backup key, carrying a manifest made from the same snapshot: the audit chain's head, a digest of every
 * table, and the audit checkpoints on file that anchor events inside the snapshot. It never carries the backup key
 * or the audit key.
 *
 * A restore goes only into an empty database with an empty checkpoint file, holding the data folder against a
 * server starting meanwhile. It decrypts into a file beside the database, checks it (every part's tag, the
 * database's SHA-256, SQLite's integrity check, every table against the manifest, the audit chain with the
 * operator's audit key against the restored checkpoints), and only then puts it in place and anchors the restored
 * head with a new checkpoint. A wrong key, an altered or cut file, or a database that is not empty leave nothing
 * behind.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type AuditKey, loadAuditKey } from '../audit/audit-key.js';
import { appendCheckpoint, signCheckpoint } from '../audit/checkpoints.js';
import { type AuditVerification, verifyAuditChain } from '../audit/verify.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import {
  checkSqliteFile,
  NotAWorkbenchDatabase,
  openSqliteFile,
  type SqliteSnapshot,
  snapshotSqlite,
  type TableDigest,
  tablesHoldingData,
} from '../db/backup.js';
import { lockDataDir } from '../db/connect.js';
import { latestMigration } from '../db/migrate.js';
import { BackupDamaged, BackupWriter, ByteReader, decryptParts, readBackupHeader } from './backup-file.js';
import { loadBackupKey } from './backup-key.js';

export { BackupDamaged } from './backup-file.js';

/** The operator asked for something a backup or restore will not do (exit 2 in the CLI): said with what to do. */
export class BackupRefused extends ConfigError {}

export interface BackupProgress {
  /** What is being done, in words ("Copying the database", "Encrypting", "Decrypting"). */
  readonly step: string;
  readonly done: number;
  readonly total: number;
  readonly unit: 'pages' | 'bytes';
}

const hex = (digits: number) => z.string().regex(new RegExp(`^[0-9a-f]{${digits}}$`));

/** The first thing inside the encryption: what the snapshot holds, read in the same transaction as its pages. */
const Manifest = z
  .object({
    v: z.literal(1),
    createdAt: z.string(),
    /** The database that was backed up, for humans. */
    source: z.string(),
    migration: z.string(),
    database: z.object({ bytes: z.number().int().nonnegative() }).strict(),
    audit: z.object({ seq: z.number().int().nonnegative(), hash: hex(64), keyId: hex(16).nullable() }).strict(),
    tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative(), sha256: hex(64) }).strict()),
    /** The checkpoint lines on file that anchor events of the snapshot (seq ≤ audit.seq), as written. */
    checkpoints: z.array(z.string()),
  })
  .strict();
type Manifest = z.infer<typeof Manifest>;

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const READ_BYTES = 1024 * 1024;

function refusePostgres(config: Config, command: 'backup' | 'restore') {
  if (config.databaseUrl === undefined) return;
  const tool = command === 'backup' ? 'pg_dump --format=custom --no-owner' : 'pg_restore --no-owner';
  throw new BackupRefused(
    `ipt ${command} works on the embedded SQLite database, and DATABASE_URL names a PostgreSQL one. On PostgreSQL ` +
      `use ${tool}, encrypted with your backup key, then ipt audit verify: the procedure is in README.md, ` +
      '"Operations: backup and restore" (docs/decisions/0020-backup-restore.md).',
  );
}

function fsyncDir(dir: string) {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The checkpoint lines that anchor events inside the snapshot. Read after the snapshot was taken, so a checkpoint
 * of an event in it written meanwhile is kept too; a line past the snapshot's head, or one cut short, is left out.
 */
function checkpointsUpTo(file: string, seq: number): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text.split('\n').filter((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return typeof parsed === 'object' && parsed !== null && 'seq' in parsed && Number(parsed.seq) <= seq;
    } catch {
      return false;
    }
  });
}

export interface BackupOptions {
  readonly env: Record<string, string | undefined>;
  /** The file to write; it must not exist. */
  readonly out: string;
  readonly onProgress?: (progress: BackupProgress) => void;
  readonly now?: () => Date;
}

export interface BackupSummary {
  readonly file: string;
  readonly fileBytes: number;
  readonly source: string;
  readonly databaseBytes: number;
  readonly keyId: string;
  readonly createdAt: string;
  readonly migration: string;
  readonly audit: SqliteSnapshot['audit'];
  readonly tables: readonly TableDigest[];
  readonly checkpoints: number;
  readonly ms: number;
}

/** Backs up the SQLite database of IPT_DATA_DIR to `out`, online, consistent and encrypted. */
export async function backupDatabase(options: BackupOptions): Promise<BackupSummary> {
  const started = performance.now();
  const config = loadConfig(options.env);
  refusePostgres(config, 'backup');
  const backupKey = loadBackupKey(options.env);
  const out = path.resolve(options.out);
  if (fs.existsSync(out)) throw new BackupRefused(`${out} already exists: a backup never overwrites a file.`);
  if (!fs.existsSync(path.dirname(out))) throw new BackupRefused(`The folder ${path.dirname(out)} does not exist.`);
  const source = path.join(config.dataDir, 'ipt.sqlite');
  if (!fs.existsSync(source)) throw new BackupRefused(`There is no database at ${source} to back up (IPT_DATA_DIR).`);
  const partial = `${out}.partial`;
  if (fs.existsSync(partial)) {
    throw new BackupRefused(
      `${partial} exists: another backup is being written to it, or one stopped. Remove it first.`,
    );
  }
  const progress = (step: string, unit: BackupProgress['unit']) => (done: number, total: number) =>
    options.onProgress?.({ step, done, total, unit });

  // The plaintext copy is made inside the data folder, where the plaintext already is, and removed at the end.
  const work = fs.mkdtempSync(path.join(config.dataDir, '.backup-'));
  let writer: BackupWriter | undefined;
  try {
    const copy = path.join(work, 'ipt.sqlite');
    const snapshot = await snapshotSqlite(source, copy, progress('Copying the database', 'pages')).catch(
      (err: unknown) => {
        const code = err instanceof Error && 'code' in err ? String(err.code) : '';
        if (!(err instanceof NotAWorkbenchDatabase) && code !== 'SQLITE_NOTADB') throw err;
        const why = err instanceof Error ? err.message : String(err);
        throw new BackupRefused(`${source} is not an IPT Workbench database that can be backed up: ${why}.`);
      },
    );
    const checkpoints = checkpointsUpTo(config.audit.checkpointsFile, snapshot.audit.seq);
    const databaseBytes = fs.statSync(copy).size;
    const createdAt = (options.now?.() ?? new Date()).toISOString();
    const manifest: Manifest = {
      v: 1,
      createdAt,
      source,
      migration: snapshot.migration,
      database: { bytes: databaseBytes },
      audit: snapshot.audit,
      tables: [...snapshot.tables],
      checkpoints,
    };
    writer = await BackupWriter.create(partial, backupKey, {
      createdAt,
      database: 'sqlite',
      auditKeyId: snapshot.audit.keyId,
    });
    const json = Buffer.from(JSON.stringify(manifest), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length, 0);
    await writer.write(Buffer.concat([length, json]));
    const hash = createHash('sha256');
    const encrypting = progress('Encrypting', 'bytes');
    let done = 0;
    for await (const piece of fs.createReadStream(copy, { highWaterMark: READ_BYTES })) {
      const bytes = Buffer.isBuffer(piece) ? piece : Buffer.from(String(piece));
      hash.update(bytes);
      await writer.write(bytes);
      done += bytes.length;
      encrypting(done, databaseBytes);
    }
    if (done !== databaseBytes) throw new Error(`The copy of the database changed while it was encrypted (${copy}).`);
    // The trailer: the database's SHA-256, checked end to end after every part's tag.
    await writer.write(hash.digest());
    await writer.finish();
    const fileBytes = writer.bytes;
    writer = undefined;
    fs.renameSync(partial, out);
    fsyncDir(path.dirname(out));
    return {
      file: out,
      fileBytes,
      source,
      databaseBytes,
      keyId: backupKey.id,
      createdAt,
      migration: snapshot.migration,
      audit: snapshot.audit,
      tables: snapshot.tables,
      checkpoints: checkpoints.length,
      ms: performance.now() - started,
    };
  } catch (err) {
    await writer?.abort();
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export interface RestoreOptions {
  readonly env: Record<string, string | undefined>;
  /** The backup file. */
  readonly file: string;
  readonly onProgress?: (progress: BackupProgress) => void;
  readonly now?: () => Date;
}

export interface RestoreSummary {
  readonly file: string;
  /** The restored database file. */
  readonly target: string;
  /** When the backup was made, and of which database. */
  readonly createdAt: string;
  readonly source: string;
  readonly migration: string;
  readonly databaseBytes: number;
  readonly audit: SqliteSnapshot['audit'];
  readonly tables: readonly TableDigest[];
  readonly checkpointsFile: string;
  /** Checkpoint lines restored from the backup. */
  readonly checkpoints: number;
  /** True when the restored head was anchored with a new checkpoint. */
  readonly anchored: boolean;
  /**
   * The restored audit chain, verified with the operator's audit key before the database was put in place; when its
   * head was then anchored, said with that checkpoint, as `ipt audit verify` will say it.
   */
  readonly verification: AuditVerification;
  readonly ms: number;
}

/**
 * The operator's audit key for the restored chain: the backup never carries it. A chain keyed with a key the
 * operator does not give is refused before anything is written (no server could start on it).
 */
function auditKeyFor(config: Config, auditKeyId: string | null): AuditKey {
  const { keyHex, keyFile } = config.audit;
  if (auditKeyId !== null && !keyHex && !fs.existsSync(keyFile)) {
    throw new BackupRefused(
      `The backed-up audit trail is keyed with the audit key whose id is ${auditKeyId}, and a backup never carries ` +
        `it. Give that key: IPT_AUDIT_KEY, IPT_AUDIT_KEY_FILE, or its key file at ${keyFile}. Nothing was restored.`,
    );
  }
  const key = loadAuditKey(config.audit);
  if (auditKeyId !== null && key.id !== auditKeyId) {
    throw new BackupRefused(
      `The backed-up audit trail is keyed with the audit key whose id is ${auditKeyId}, but ${key.source} holds the ` +
        `key ${key.id}. Give the audit key the backed-up server used. Nothing was restored.`,
    );
  }
  return key;
}

/** Refuses a target that holds data, or a checkpoint file that holds checkpoints. */
function refuseUnlessEmpty(target: string, checkpointsFile: string) {
  if (fs.existsSync(target)) {
    let holding: string[];
    try {
      holding = tablesHoldingData(target);
    } catch (err) {
      throw new BackupRefused(
        `${target} exists and is not an IPT Workbench database that can be read (${(err as Error).message}). ` +
          'Restore into an empty data folder (IPT_DATA_DIR).',
      );
    }
    if (holding.length > 0) {
      const named = holding.slice(0, 5).join(', ') + (holding.length > 5 ? ', …' : '');
      throw new BackupRefused(
        `The database ${target} is not empty (${named} hold rows): a restore never overwrites data. Restore into ` +
          'an empty data folder (IPT_DATA_DIR), or move this one aside first. Nothing was restored.',
      );
    }
  }
  if (fs.existsSync(checkpointsFile) && fs.statSync(checkpointsFile).size > 0) {
    throw new BackupRefused(
      `The audit checkpoint file ${checkpointsFile} already holds checkpoints, of the chain this folder held before ` +
        'or of another: against them the restored chain would read as cut. Archive it (move it away), or point ' +
        'IPT_AUDIT_CHECKPOINTS at a new file, then restore again (docs/decisions/0016). Nothing was restored.',
    );
  }
}

async function readManifest(reader: ByteReader, file: string): Promise<Manifest> {
  const length = (await reader.exactly(4, 'its manifest')).readUInt32BE(0);
  if (length > MAX_MANIFEST_BYTES) throw new BackupDamaged(`The manifest of ${file} is not readable.`);
  const text = (await reader.exactly(length, 'its manifest')).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupDamaged(`The manifest of ${file} is not readable.`);
  }
  const manifest = Manifest.safeParse(parsed);
  if (!manifest.success) throw new BackupDamaged(`The manifest of ${file} is not one this version can read.`);
  return manifest.data;
}

/** Writes the database's bytes to `temp` and checks them against the trailer's SHA-256. */
async function writeDatabase(reader: ByteReader, manifest: Manifest, temp: string, file: string) {
  const handle = await fs.promises.open(temp, 'w', 0o600);
  const hash = createHash('sha256');
  try {
    for await (const piece of reader.pieces(manifest.database.bytes, 'the database')) {
      hash.update(piece);
      let offset = 0;
      while (offset < piece.length) offset += (await handle.write(piece, offset, piece.length - offset)).bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  const trailer = await reader.exactly(32, 'its checksum');
  if (!trailer.equals(hash.digest())) {
    throw new BackupDamaged(`The database decrypted from ${file} does not match its SHA-256.`);
  }
  if (!(await reader.atEnd())) throw new BackupDamaged(`${file} holds more than its database.`);
}

function sameTables(a: readonly TableDigest[], b: readonly TableDigest[]): string | null {
  const byName = new Map(b.map((t) => [t.name, t]));
  for (const t of a) {
    const other = byName.get(t.name);
    if (!other) return `table ${t.name} is missing`;
    if (other.rows !== t.rows || other.sha256 !== t.sha256) return `table ${t.name} differs`;
  }
  return a.length === b.length ? null : 'it holds a table the backup did not';
}

const removeQuietly = (file: string) => fs.rmSync(file, { force: true });

/** Restores a backup into the empty SQLite database of IPT_DATA_DIR. */
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreSummary> {
  const started = performance.now();
  const config = loadConfig(options.env);
  refusePostgres(config, 'restore');
  const backupKey = loadBackupKey(options.env);
  const file = path.resolve(options.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupRefused(`There is no file ${file}.`);
  const opened = await readBackupHeader(file).catch((err: unknown) => {
    if (err instanceof BackupDamaged) throw err;
    const code = err instanceof Error && 'code' in err ? String(err.code) : String(err);
    throw new BackupRefused(`Cannot read ${file} (${code}).`);
  });
  if (opened.header.keyId !== backupKey.id) {
    throw new BackupRefused(
      `${file} was encrypted with the backup key whose id is ${opened.header.keyId}, but ${backupKey.source} holds ` +
        `the key ${backupKey.id}. Give the key the backup was made with. Nothing was restored.`,
    );
  }
  const auditKey = auditKeyFor(config, opened.header.auditKeyId);

  const { dataDir } = config;
  const { checkpointsFile } = config.audit;
  const target = path.join(dataDir, 'ipt.sqlite');
  const temp = `${target}.restoring`;
  const tempCheckpoints = `${checkpointsFile}.restoring`;
  const dirExisted = fs.existsSync(dataDir);
  const lockFiles = ['server.lock', 'server.pid'].map((f) => path.join(dataDir, f)).filter((f) => !fs.existsSync(f));
  // Holds the folder as a server does: no server starts on it while the restore runs, and none runs now.
  const lock = lockDataDir(dataDir);
  let placed = false;
  try {
    refuseUnlessEmpty(target, checkpointsFile);
    const reader = new ByteReader(
      decryptParts(opened, backupKey, (done, total) =>
        options.onProgress?.({ step: 'Decrypting', done, total, unit: 'bytes' }),
      ),
    );
    const manifest = await readManifest(reader, file);
    if (manifest.audit.keyId !== opened.header.auditKeyId) {
      throw new BackupDamaged(`The header of ${file} does not agree with its manifest.`);
    }
    if (manifest.migration > latestMigration) {
      throw new BackupRefused(
        `${file} was made by a newer IPT Workbench (its database is at migration ${manifest.migration}; this one ` +
          `knows migrations up to ${latestMigration}). Restore it with that version or a later one.`,
      );
    }
    await writeDatabase(reader, manifest, temp, file);

    const check = checkSqliteFile(temp);
    if (check.problems.length > 0) {
      throw new BackupDamaged(
        `The database in ${file} fails SQLite's integrity check: ${check.problems.slice(0, 3).join('; ')}.`,
      );
    }
    const differs = sameTables(manifest.tables, check.tables);
    if (differs !== null || check.audit.seq !== manifest.audit.seq || check.audit.hash !== manifest.audit.hash) {
      throw new BackupDamaged(
        `The database in ${file} does not hold what its manifest records (${differs ?? 'the audit head differs'}).`,
      );
    }

    fs.mkdirSync(path.dirname(checkpointsFile), { recursive: true });
    removeQuietly(tempCheckpoints);
    if (manifest.checkpoints.length > 0) {
      fs.writeFileSync(tempCheckpoints, `${manifest.checkpoints.join('\n')}\n`, { mode: 0o600 });
    }
    const restored = openSqliteFile(temp);
    let verification: AuditVerification;
    try {
      verification = await verifyAuditChain(restored, { key: auditKey, checkpointsFile: tempCheckpoints });
    } finally {
      await restored.close();
    }

    // In place: the target held no data (checked under the lock); a stale WAL beside it must not meet the new file.
    for (const f of [target, `${target}-wal`, `${target}-shm`]) removeQuietly(f);
    fs.renameSync(temp, target);
    if (manifest.checkpoints.length > 0) fs.renameSync(tempCheckpoints, checkpointsFile);
    fsyncDir(dataDir);
    placed = true;

    // The restored head is anchored, so a tail cut from the restored chain reads as cut. Only a chain that verified
    // with this key, whose head is an event of this key, is signed.
    const anchored = verification.ok && manifest.audit.seq > 0 && manifest.audit.keyId === auditKey.id;
    let report: AuditVerification = {
      ...verification,
      checkpoints: { ...verification.checkpoints, file: checkpointsFile },
    };
    if (anchored) {
      const at = (options.now?.() ?? new Date()).toISOString();
      const checkpoint = signCheckpoint(auditKey, manifest.audit, at);
      await appendCheckpoint(checkpointsFile, checkpoint);
      // Said as `ipt audit verify` will now say it: the head is anchored, so the notes about an unanchored tail go.
      report = {
        ...report,
        checkpoints: { file: checkpointsFile, count: verification.checkpoints.count + 1, last: checkpoint },
        notes: verification.notes.filter(
          (n) => !/^(No checkpoint is on file|Events after #\d+ are not anchored)/.test(n),
        ),
      };
    }
    return {
      file,
      target,
      createdAt: manifest.createdAt,
      source: manifest.source,
      migration: manifest.migration,
      databaseBytes: manifest.database.bytes,
      audit: manifest.audit,
      tables: check.tables,
      checkpointsFile,
      checkpoints: manifest.checkpoints.length,
      anchored,
      verification: report,
      ms: performance.now() - started,
    };
  } catch (err) {
    if (!placed) for (const f of [temp, `${temp}-wal`, `${temp}-shm`, tempCheckpoints]) removeQuietly(f);
    throw err;
  } finally {
    // A refused restore leaves nothing behind, not even its lock: the files it made for the lock go while it still
    // holds it (a server starting later makes its own), and so does the folder if the restore made it.
    if (!placed) lockFiles.forEach(removeQuietly);
    lock.release();
    if (!placed && !dirExisted) {
      try {
        fs.rmdirSync(dataDir);
      } catch {
        // Something else is in it now: it stays.
      }
    }
  }
}

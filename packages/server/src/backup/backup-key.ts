/**
 * The backup key (docs/decisions/0020-backup-restore.md): 32 bytes or more of randomness the operator holds, given as
 * hex in IPT_BACKUP_KEY or in a file named by IPT_BACKUP_KEY_FILE. It is read only by `ipt backup` and `ipt restore`,
 * never by the server, and never written anywhere by them.
 *
 * Each backup file is encrypted under its own key, derived from this one and a random salt in the file's header
 * (HKDF-SHA-256), so no two files share an AES-GCM key. A short public id of the key (16 hex digits, derived from it
 * by HKDF too) is written in the header, so a restore with another key is refused by name before anything is read.
 */
import { hkdfSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';

const HEX_KEY = /^(?:[0-9a-fA-F]{2}){32,}$/;

export class BackupKey {
  readonly id: string;

  constructor(
    private readonly secret: Buffer,
    /** Where the key came from, for messages (never the key itself). */
    readonly source: string,
  ) {
    if (secret.length < 32) throw new ConfigError(`The backup key (${source}) must be at least 32 bytes.`);
    this.id = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'ipt-workbench backup key id v1', 8)).toString(
      'hex',
    );
  }

  /** The AES-256-GCM key of one file, from the salt in its header. */
  fileKey(salt: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.secret, salt, 'ipt-workbench backup file v1', 32));
  }
}

const howToMake =
  'Make one with `openssl rand -hex 32 > backup.key` (chmod 600), keep it apart from the backups and from the ' +
  'database host, and give it as IPT_BACKUP_KEY_FILE=backup.key or IPT_BACKUP_KEY=<the hex>.';

/** The operator's backup key: IPT_BACKUP_KEY, else the file IPT_BACKUP_KEY_FILE names. Without either, refused. */
export function loadBackupKey(env: Record<string, string | undefined>): BackupKey {
  const hex = env.IPT_BACKUP_KEY?.trim();
  if (hex) {
    if (!HEX_KEY.test(hex)) {
      throw new ConfigError('IPT_BACKUP_KEY must be at least 32 bytes written as hex (64 hex digits).');
    }
    return new BackupKey(Buffer.from(hex, 'hex'), 'IPT_BACKUP_KEY');
  }
  const named = env.IPT_BACKUP_KEY_FILE?.trim();
  if (!named) {
    throw new ConfigError(`A backup is always encrypted, with a key you hold: set IPT_BACKUP_KEY_FILE. ${howToMake}`);
  }
  const file = path.resolve(named);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`IPT_BACKUP_KEY_FILE: cannot read ${file} (${code}). ${howToMake}`);
  }
  if (!HEX_KEY.test(text)) {
    throw new ConfigError(`The backup key file ${file} must hold at least 32 bytes written as hex (64 hex digits).`);
  }
  return new BackupKey(Buffer.from(text, 'hex'), file);
}

/**
 * The audit chain's key (docs/decisions/0016): the links of the chain and the checkpoints of its head are
 * HMAC-SHA-256 under keys derived from one secret the operator holds outside the database, so someone who can write
 * to the database but does not hold the key cannot re-hash an edit or forge a checkpoint.
 *
 * The secret comes from IPT_AUDIT_KEY (hex) or a key file (hex). Without either, a key file is made beside the data
 * dir (`<data dir>.audit-key`, 0600), never inside it and never in the database: a copy of the data dir or a dump of
 * the database does not carry the key.
 */
import { createHmac, createSecretKey, hkdfSync, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type AuditConfig, ConfigError } from '../config.js';

const HEX_KEY = /^(?:[0-9a-fA-F]{2}){32,}$/;

export class AuditKey {
  /** A short public name of the key (16 hex digits derived from it), recorded where the keyed segment begins. */
  readonly id: string;
  private readonly chainKey: Buffer;
  private readonly checkpointKey: Buffer;
  /**
   * The key that seals the users' TOTP secrets (AES-256-GCM; docs/decisions/0019-mfa.md): derived from the same
   * operator's secret under its own label, so it is as far from the database as this key, and no other key.
   */
  readonly mfaSecretsKey: Buffer;

  /** `source`: where the key came from, for messages (never the key itself). */
  constructor(
    secret: Buffer,
    readonly source: string,
  ) {
    if (secret.length < 32) throw new ConfigError(`The audit key (${source}) must be at least 32 bytes.`);
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
    this.chainKey = derive('ipt-workbench audit chain v1');
    this.checkpointKey = derive('ipt-workbench audit checkpoint v1');
    this.id = derive('ipt-workbench audit key id v1').toString('hex').slice(0, 16);
    this.mfaSecretsKey = derive('ipt-workbench mfa secrets v1');
  }

  /** The chain key as a key object, made once: an HMAC made from raw bytes imports them again every time. */
  private chainKeyObject: KeyObject | undefined;

  /** The keyed hash of one link of the chain. */
  linkHash(message: string): string {
    this.chainKeyObject ??= createSecretKey(this.chainKey);
    return createHmac('sha256', this.chainKeyObject).update(message).digest('hex');
  }

  /** The signature of a checkpoint. */
  checkpointMac(message: string): string {
    return createHmac('sha256', this.checkpointKey).update(message).digest('hex');
  }

  /** True when `mac` is this key's signature of `message` (compared in constant time). */
  checkpointMacMatches(message: string, mac: string): boolean {
    const expected = Buffer.from(this.checkpointMac(message), 'hex');
    const given = Buffer.from(mac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/**
 * The operator's key: IPT_AUDIT_KEY, else the key file. A key file the operator named must exist; the default one
 * beside the data dir is made with a fresh random key when it is missing (the demo and a first start).
 */
export function loadAuditKey(config: AuditConfig): AuditKey {
  if (config.keyHex) return new AuditKey(Buffer.from(config.keyHex, 'hex'), 'IPT_AUDIT_KEY');
  const file = config.keyFile;
  if (!fs.existsSync(file)) {
    if (config.keyFileGiven) {
      throw new ConfigError(`IPT_AUDIT_KEY_FILE: ${file} does not exist (make one with: openssl rand -hex 32).`);
    }
    makeKeyFile(file);
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!HEX_KEY.test(text)) {
    throw new ConfigError(`The audit key file ${file} must hold at least 32 bytes written as hex (64 hex digits).`);
  }
  return new AuditKey(Buffer.from(text, 'hex'), file);
}

function makeKeyFile(file: string) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // 'wx': two processes starting at once must not each write a key; the second reads the first one's.
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new ConfigError(
      `Could not make the audit key file ${file} (${(err as Error).message}): set IPT_AUDIT_KEY or IPT_AUDIT_KEY_FILE.`,
    );
  }
}

/**
 * The backup file (docs/decisions/0020-backup-restore.md), written and read as a stream:
 *
 *   "IPT-WORKBENCH-BACKUP\n" | u32 BE header length | header (JSON, plain text) | part 0 | part 1 | … | last part
 *
 * The header names the format version, the cipher, the backup key's public id, the salt the file's key is derived
 * with, the part size, when the backup was made and which audit key its chain is keyed with (both ids are public
 * names of keys, never keys). Each part is up to `chunkBytes` of the plaintext encrypted with AES-256-GCM, followed
 * by its 16-byte tag. Part i's nonce is i (8 bytes, big-endian), three zero bytes and a last-part flag, and every
 * part authenticates the SHA-256 of the header bytes: a changed header, a changed, dropped, repeated or reordered
 * part, or a file cut at a part boundary fails a tag. A part is released only after its tag checks.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { BackupKey } from './backup-key.js';

const MAGIC = Buffer.from('IPT-WORKBENCH-BACKUP\n', 'ascii');
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 64 * 1024;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

const hex = (digits: number) => z.string().regex(new RegExp(`^[0-9a-f]{${digits}}$`));

export const BackupHeader = z
  .object({
    format: z.literal(1),
    cipher: z.literal('aes-256-gcm'),
    kdf: z.literal('hkdf-sha256'),
    chunkBytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024),
    keyId: hex(16),
    salt: hex(64),
    createdAt: z.string().min(1).max(64),
    database: z.literal('sqlite'),
    /** The audit key the backed-up chain is keyed with (its public id), or null for a chain not keyed yet. */
    auditKeyId: hex(16).nullable(),
  })
  .strict();
export type BackupHeader = z.infer<typeof BackupHeader>;

/** The backup cannot be read as one: not a backup, altered, or cut short. Nothing of it may be used. */
export class BackupDamaged extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupDamaged';
  }
}

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 0);
  n[11] = last ? 1 : 0;
  return n;
}

function encodeHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length, 0);
  return Buffer.concat([MAGIC, length, json]);
}

/** Plaintext waiting to be cut into parts. */
class Pending {
  private pieces: Buffer[] = [];
  bytes = 0;

  push(piece: Buffer) {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.bytes += piece.length;
  }

  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.pieces[0];
      if (!head) break;
      const used = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, used);
      filled += used;
      if (used === head.length) this.pieces.shift();
      else this.pieces[0] = head.subarray(used);
    }
    this.bytes -= filled;
    return filled === n ? out : out.subarray(0, filled);
  }
}

/** Writes one backup file: the header, then the plaintext given to `write`, encrypted part by part. */
export class BackupWriter {
  private readonly pending = new Pending();
  private index = 0;
  private written = 0;

  private constructor(
    private readonly handle: fs.promises.FileHandle,
    private readonly file: string,
    private readonly key: Buffer,
    private readonly aad: Buffer,
    readonly header: BackupHeader,
  ) {}

  /** Makes `file` (it must not exist; 0600) and writes the header. */
  static async create(
    file: string,
    backupKey: BackupKey,
    fields: Pick<BackupHeader, 'createdAt' | 'database' | 'auditKeyId'>,
    chunkBytes = DEFAULT_CHUNK_BYTES,
  ): Promise<BackupWriter> {
    const salt = randomBytes(32);
    const header: BackupHeader = {
      format: 1,
      cipher: 'aes-256-gcm',
      kdf: 'hkdf-sha256',
      chunkBytes,
      keyId: backupKey.id,
      salt: salt.toString('hex'),
      ...fields,
    };
    const encoded = encodeHeader(header);
    const handle = await fs.promises.open(file, 'wx', 0o600);
    const writer = new BackupWriter(
      handle,
      file,
      backupKey.fileKey(salt),
      createHash('sha256').update(encoded).digest(),
      header,
    );
    await writer.put(encoded);
    return writer;
  }

  /** Bytes written to the file so far. */
  get bytes(): number {
    return this.written;
  }

  async write(plain: Buffer): Promise<void> {
    this.pending.push(plain);
    // A part goes out only when more plaintext follows it: what is left at the end is the last part.
    while (this.pending.bytes > this.header.chunkBytes) {
      await this.put(this.seal(this.pending.take(this.header.chunkBytes), false));
    }
  }

  /** Writes the last part and makes the file durable. */
  async finish(): Promise<void> {
    await this.put(this.seal(this.pending.take(this.pending.bytes), true));
    await this.handle.sync();
    await this.handle.close();
  }

  /** Gives up: closes and removes the file. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fs.promises.rm(this.file, { force: true });
  }

  private seal(plain: Buffer, last: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index++, last), { authTagLength: TAG_BYTES });
    cipher.setAAD(this.aad);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  }

  private async put(bytes: Buffer) {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    this.written += bytes.length;
  }
}

/** A backup file's header, read and checked; the parts are read by `decryptParts`. */
export interface OpenedBackup {
  readonly file: string;
  readonly header: BackupHeader;
  /** Where the first part begins. */
  readonly partsAt: number;
  readonly fileBytes: number;
  readonly aad: Buffer;
}

export async function readBackupHeader(file: string): Promise<OpenedBackup> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const start = Buffer.alloc(Math.min(size, MAGIC.length + 4 + MAX_HEADER_BYTES));
    await handle.read(start, 0, start.length, 0);
    const notOne = `${file} is not an IPT Workbench backup (it does not begin with a backup header)`;
    if (start.length < MAGIC.length + 4 || !start.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupDamaged(`${notOne}.`);
    }
    const length = start.readUInt32BE(MAGIC.length);
    const end = MAGIC.length + 4 + length;
    if (length > MAX_HEADER_BYTES || end > start.length) throw new BackupDamaged(`${notOne}: its header is cut short.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(start.subarray(MAGIC.length + 4, end).toString('utf8'));
    } catch {
      throw new BackupDamaged(`${notOne}: its header is not readable.`);
    }
    const header = BackupHeader.safeParse(parsed);
    if (!header.success) {
      const format = typeof parsed === 'object' && parsed !== null && 'format' in parsed ? parsed.format : undefined;
      throw new BackupDamaged(
        typeof format === 'number' && format !== 1
          ? `${file} is a backup in format ${String(format)}, which this version of IPT Workbench cannot read.`
          : `${notOne}: its header was altered.`,
      );
    }
    const aad = createHash('sha256').update(start.subarray(0, end)).digest();
    return { file, header: header.data, partsAt: end, fileBytes: size, aad };
  } finally {
    await handle.close();
  }
}

/**
 * The plaintext of a backup, part by part, each released only once its tag checks. A part that fails, or a file
 * that ends before its last part, throws BackupDamaged. `onRead` reports the file's bytes read so far.
 */
export async function* decryptParts(
  opened: OpenedBackup,
  backupKey: BackupKey,
  onRead?: (done: number, total: number) => void,
): AsyncGenerator<Buffer> {
  const { header, aad } = opened;
  const key = backupKey.fileKey(Buffer.from(header.salt, 'hex'));
  const frame = header.chunkBytes + TAG_BYTES;
  const pending = new Pending();
  let index = 0;
  let read = opened.partsAt;
  const open = (sealed: Buffer, last: boolean): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce(index, last), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    try {
      decipher.final();
    } catch {
      throw new BackupDamaged(
        `${opened.file} was altered or cut short: part ${index + 1} (at byte ${opened.partsAt + index * frame}) ` +
          'fails its authentication check.',
      );
    }
    index++;
    return plain;
  };
  const stream = fs.createReadStream(opened.file, { start: opened.partsAt, highWaterMark: frame });
  for await (const piece of stream) {
    const bytes = Buffer.isBuffer(piece) ? piece : Buffer.from(String(piece));
    pending.push(bytes);
    read += bytes.length;
    onRead?.(read, opened.fileBytes);
    // A part is the last one only when nothing follows it.
    while (pending.bytes > frame) yield open(pending.take(frame), false);
  }
  if (pending.bytes < TAG_BYTES) {
    throw new BackupDamaged(`${opened.file} was cut short: it ends inside part ${index + 1}.`);
  }
  yield open(pending.take(pending.bytes), true);
}

/** Reads exact lengths from a stream of pieces (the decrypted parts). */
export class ByteReader {
  private readonly pending = new Pending();
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.pending.bytes < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.pending.push(next.value);
    }
    return this.pending.bytes >= n;
  }

  /** Exactly `n` bytes; BackupDamaged (with `what`) when the plaintext ends first. */
  async exactly(n: number, what: string): Promise<Buffer> {
    if (!(await this.fill(n))) throw new BackupDamaged(`The backup ends inside ${what}.`);
    return this.pending.take(n);
  }

  /** The next `n` bytes in the pieces they come in. */
  async *pieces(n: number, what: string): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.pending.bytes === 0 && !(await this.fill(1))) throw new BackupDamaged(`The backup ends inside ${what}.`);
      const piece = this.pending.take(Math.min(left, this.pending.bytes));
      left -= piece.length;
      yield piece;
    }
  }

  /** True when nothing follows. */
  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }
}

/**
 * The backup file's encryption (docs/decisions/0020): round trips at every size around the part boundary, and every
 * alteration refused: each single byte flipped anywhere in a two-part file, the file cut short anywhere near a
 * boundary, parts dropped, repeated or swapped, another key. Real files, real AES-256-GCM.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupDamaged, BackupWriter, ByteReader, decryptParts, readBackupHeader } from './backup-file.js';
import { BackupKey, loadBackupKey } from './backup-key.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-backup-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const key = new BackupKey(randomBytes(32), 'test');
const CHUNK = 1024;
let files = 0;

async function write(plain: Buffer, pieces = 7): Promise<string> {
  const file = path.join(dir, `b${files++}.iptbackup`);
  const writer = await BackupWriter.create(
    file,
    key,
    { createdAt: '2025-01-01T00:00:00.000Z', database: 'sqlite', auditKeyId: null },
    CHUNK,
  );
  // Given in uneven pieces: the parts do not follow the writes.
  const step = Math.max(1, Math.ceil(plain.length / pieces));
  for (let at = 0; at < plain.length; at += step) await writer.write(plain.subarray(at, at + step));
  await writer.finish();
  return file;
}

async function read(file: string, withKey = key): Promise<Buffer> {
  const opened = await readBackupHeader(file);
  const parts: Buffer[] = [];
  for await (const part of decryptParts(opened, withKey)) parts.push(part);
  return Buffer.concat(parts);
}

/** Resolves to the BackupDamaged a read throws (and fails when the read succeeds or throws anything else). */
async function refused(file: string): Promise<BackupDamaged> {
  try {
    await read(file);
  } catch (err) {
    if (err instanceof BackupDamaged) return err;
    throw err;
  }
  throw new Error(`${file} was read although it was altered`);
}

describe('the backup file', () => {
  it('round-trips every size around the part boundary, in pieces of any length', async () => {
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17]) {
      const plain = randomBytes(size);
      const file = await write(plain);
      expect((await read(file)).equals(plain), `size ${size}`).toBe(true);
      const reader = new ByteReader(decryptParts(await readBackupHeader(file), key));
      const pieces: Buffer[] = [];
      for await (const p of reader.pieces(size, 'the test')) pieces.push(p);
      expect(Buffer.concat(pieces).equals(plain)).toBe(true);
      expect(await reader.atEnd()).toBe(true);
    }
  });

  it('names its format, the key id and a salt in a plain header, and never holds the key or the plaintext', async () => {
    const plain = Buffer.from('a recognisable clinical note '.repeat(100));
    const file = await write(plain);
    const { header } = await readBackupHeader(file);
    expect(header).toMatchObject({ format: 1, cipher: 'aes-256-gcm', kdf: 'hkdf-sha256', keyId: key.id });
    expect(header.salt).toMatch(/^[0-9a-f]{64}$/);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes('recognisable')).toBe(false);
    // Two files of the same plaintext under the same key share nothing past the header (a fresh salt each).
    const again = fs.readFileSync(await write(plain));
    expect(again.subarray(-64).equals(bytes.subarray(-64))).toBe(false);
  });

  it('refuses every single byte flipped anywhere: header, parts and tags', async () => {
    const file = await write(randomBytes(CHUNK + 100));
    const bytes = fs.readFileSync(file);
    const altered = path.join(dir, 'flipped.iptbackup');
    for (let at = 0; at < bytes.length; at++) {
      const copy = Buffer.from(bytes);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      fs.writeFileSync(altered, copy);
      await refused(altered);
    }
  });

  it('refuses the file cut short (through its header, around every part end), and parts dropped, repeated or swapped', async () => {
    const file = await write(randomBytes(3 * CHUNK + 100));
    const bytes = fs.readFileSync(file);
    const { partsAt } = await readBackupHeader(file);
    const cut = path.join(dir, 'cut.iptbackup');
    const frame = CHUNK + 16;
    // Every length through the header and the first part's start, and around every part's end.
    const lengths = new Set<number>();
    for (let length = 0; length < partsAt + 32; length++) lengths.add(length);
    for (let end = partsAt + frame; end < bytes.length + frame; end += frame) {
      for (let d = -24; d <= 24; d++) lengths.add(Math.min(end, bytes.length) + d);
    }
    for (const length of [...lengths].filter((l) => l >= 0 && l < bytes.length)) {
      fs.writeFileSync(cut, bytes.subarray(0, length));
      await refused(cut);
    }
    const part = (i: number) => bytes.subarray(partsAt + i * frame, Math.min(bytes.length, partsAt + (i + 1) * frame));
    const head = bytes.subarray(0, partsAt);
    const rearranged = {
      'last part dropped': [part(0), part(1), part(2)],
      'a middle part dropped': [part(0), part(2), part(3)],
      'a part repeated': [part(0), part(1), part(1), part(2), part(3)],
      'two parts swapped': [part(1), part(0), part(2), part(3)],
    };
    for (const [what, parts] of Object.entries(rearranged)) {
      fs.writeFileSync(cut, Buffer.concat([head, ...parts]));
      expect((await refused(cut)).message, what).toMatch(/altered or cut short|cut short/);
    }
    // A whole file still reads: the cuts above failed for what they are.
    expect((await read(file)).length).toBe(3 * CHUNK + 100);
  });

  it('does not open with another key, and says a file that is not a backup is not one', async () => {
    const file = await write(randomBytes(100));
    await expect(read(file, new BackupKey(randomBytes(32), 'other'))).rejects.toThrow(BackupDamaged);
    const notOne = path.join(dir, 'not-a-backup.sqlite');
    fs.writeFileSync(notOne, 'SQLite format 3\0');
    await expect(readBackupHeader(notOne)).rejects.toThrow(/is not an IPT Workbench backup/);
  });

  it('takes the key from IPT_BACKUP_KEY or IPT_BACKUP_KEY_FILE, and refuses none, a short one or a missing file', () => {
    const hex = randomBytes(32).toString('hex');
    const file = path.join(dir, 'backup.key');
    fs.writeFileSync(file, `${hex}\n`, { mode: 0o600 });
    expect(loadBackupKey({ IPT_BACKUP_KEY: hex }).id).toBe(loadBackupKey({ IPT_BACKUP_KEY_FILE: file }).id);
    expect(loadBackupKey({ IPT_BACKUP_KEY: hex }).id).toMatch(/^[0-9a-f]{16}$/);
    expect(() => loadBackupKey({})).toThrow(/always encrypted.*openssl rand -hex 32/);
    expect(() => loadBackupKey({ IPT_BACKUP_KEY: 'abcd' })).toThrow(/at least 32 bytes/);
    expect(() => loadBackupKey({ IPT_BACKUP_KEY_FILE: path.join(dir, 'nope.key') })).toThrow(/cannot read/);
  });
});

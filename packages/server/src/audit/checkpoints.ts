/**
 * Checkpoints anchor the audit chain's head outside the database (docs/decisions/0016): one JSON line per
 * checkpoint, appended to a file the server only ever appends to, each signed with the audit key over the event
 * number, that event's hash, the time and the key's id. `audit verify` compares the chain with every line: a
 * checkpoint past the chain's end means its tail was removed, even when the head row was moved back with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AuditKey } from './audit-key.js';

export interface Checkpoint {
  readonly v: 1;
  /** The event the head was at. */
  readonly seq: number;
  /** That event's hash. */
  readonly hash: string;
  /** When the checkpoint was written (ISO-8601, UTC). */
  readonly at: string;
  /** The id of the key that signed it. */
  readonly key: string;
  readonly mac: string;
}

const CheckpointLine = z
  .object({
    v: z.literal(1),
    seq: z.number().int().positive(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().min(1).max(64),
    key: z.string().regex(/^[0-9a-f]{16}$/),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

function message(c: Omit<Checkpoint, 'mac'>): string {
  return JSON.stringify(['ipt-audit-checkpoint', c.v, c.seq, c.hash, c.at, c.key]);
}

export function signCheckpoint(key: AuditKey, head: { seq: number; hash: string }, at: string): Checkpoint {
  const unsigned = { v: 1 as const, seq: head.seq, hash: head.hash, at, key: key.id };
  return { ...unsigned, mac: key.checkpointMac(message(unsigned)) };
}

/** Appends one checkpoint and waits until it is on disk. The file is made 0600 when it does not exist. */
export async function appendCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.promises.open(file, 'a', 0o600);
  try {
    await handle.appendFile(`${JSON.stringify(checkpoint)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface CheckpointFile {
  readonly file: string;
  /** False when there is no such file (nothing anchored yet, or it was removed). */
  readonly exists: boolean;
  readonly checkpoints: readonly Checkpoint[];
  /** The first line that is not a genuine checkpoint of this key: the anchor itself was tampered with. */
  readonly problem?: { readonly line: number; readonly reason: string };
  /** A last line cut short (a crash while it was written), ignored. */
  readonly tornLastLine: boolean;
}

/** Reads and checks every checkpoint on file against the key. */
export function readCheckpoints(file: string, key: AuditKey): CheckpointFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { file, exists: false, checkpoints: [], tornLastLine: false };
    }
    throw err;
  }
  const lines = text.split('\n');
  // A file written whole ends with a newline: the last element is empty. Anything else is a line cut short.
  const last = lines.pop() ?? '';
  const tornLastLine = last.trim() !== '' && parseLine(last) === null;
  if (last.trim() !== '' && !tornLastLine) lines.push(last);
  const checkpoints: Checkpoint[] = [];
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const line = i + 1;
    const c = parseLine(raw);
    if (!c) return { file, exists: true, checkpoints, tornLastLine, problem: { line, reason: 'is not a checkpoint' } };
    if (c.key !== key.id) {
      const reason = `was signed with another key (id ${c.key}; this key's id is ${key.id})`;
      return { file, exists: true, checkpoints, tornLastLine, problem: { line, reason } };
    }
    if (!key.checkpointMacMatches(message(c), c.mac)) {
      const reason = 'does not carry this key’s signature: it was forged or altered';
      return { file, exists: true, checkpoints, tornLastLine, problem: { line, reason } };
    }
    checkpoints.push(c);
  }
  return { file, exists: true, checkpoints, tornLastLine };
}

function parseLine(raw: string): Checkpoint | null {
  try {
    const parsed = CheckpointLine.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

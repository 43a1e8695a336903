/**
 * Walks the audit chain and reports the first broken link: an altered, removed or reordered event, an edit re-hashed
 * without the key, a removed tail (against the head row and against the checkpoints on file), a forged checkpoint
 * (docs/decisions/0005, 0016).
 *
 * The checkpoints are read first and the chain and its head then in one snapshot: every checkpoint on file was
 * written after its event committed, so the snapshot holds it, and events committed while the walk runs are simply
 * not part of it (no false "tail removed" under load).
 */
import type { Db } from '../db/connect.js';
import { readSnapshot } from '../db/dialect.js';
import { findAuditChainHead, listAuditEventsFrom } from '../db/repositories/audit-repository.js';
import type { AuditKey } from './audit-key.js';
import { AuditAction, keyedAuditHash, plainAuditHash } from './audit-log.js';
import { type Checkpoint, readCheckpoints } from './checkpoints.js';

export interface AuditVerification {
  readonly ok: boolean;
  /** Events verified (all of them when ok; those before the break otherwise). */
  readonly checked: number;
  /** The marker event where the keyed segment begins; null when no event is keyed yet. */
  readonly keyedFrom: number | null;
  readonly key: { readonly id: string; readonly source: string };
  readonly checkpoints: { readonly file: string; readonly count: number; readonly last: Checkpoint | null };
  /** What the result does not cover (an unkeyed chain, no checkpoint on file, events past the last checkpoint). */
  readonly notes: readonly string[];
  /** The first break: `seq` names the event, or is null when the checkpoint file itself is not genuine. */
  readonly firstBroken?: { readonly seq: number | null; readonly reason: string };
}

const GENESIS = '0'.repeat(64);

export interface VerifyAnchor {
  readonly key: AuditKey;
  readonly checkpointsFile: string;
}

export async function verifyAuditChain(db: Db, anchor: VerifyAnchor, pageSize = 5000): Promise<AuditVerification> {
  const { key } = anchor;
  const onFile = readCheckpoints(anchor.checkpointsFile, key);
  const checkpoints = onFile.checkpoints;
  const last = checkpoints.reduce<Checkpoint | null>((a, c) => (a === null || c.seq > a.seq ? c : a), null);
  const base = {
    key: { id: key.id, source: key.source },
    checkpoints: { file: onFile.file, count: checkpoints.length, last },
  };
  if (onFile.problem) {
    const { line, reason } = onFile.problem;
    return {
      ...base,
      ok: false,
      checked: 0,
      keyedFrom: null,
      notes: [],
      firstBroken: { seq: null, reason: `checkpoint line ${line} of ${onFile.file} ${reason}` },
    };
  }
  const bySeq = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);

  const walk = await readSnapshot(db.db, db.dialect, async (q) => {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let checked = 0;
    let keyedFrom: number | null = null;
    const broken = (seq: number, reason: string) => ({ checked, keyedFrom, prevHash, broken: { seq, reason } });
    for (;;) {
      const rows = await listAuditEventsFrom(q, expectedSeq, pageSize);
      for (const raw of rows) {
        const row = { ...raw, seq: Number(raw.seq) };
        if (row.seq !== expectedSeq) return broken(expectedSeq, `event ${expectedSeq} is missing`);
        if (row.prevHash !== prevHash) return broken(row.seq, 'does not link to the event before it');
        const { hash, ...unhashed } = row;
        const marker = row.action === AuditAction.chainKeyed;
        if (marker && row.entityId !== key.id) {
          return broken(
            row.seq,
            `the chain is keyed from here with another key (id ${String(row.entityId)}; this key's id is ${key.id})`,
          );
        }
        // From the first marker on, every link is keyed: an event re-hashed with plain SHA-256 fails here.
        const keyed = keyedFrom !== null || marker;
        const expected = keyed ? keyedAuditHash(key, unhashed) : plainAuditHash(unhashed);
        if (expected !== hash) return broken(row.seq, 'its content was altered');
        for (const c of bySeq.get(row.seq) ?? []) {
          if (c.hash !== hash)
            return broken(row.seq, `it differs from the checkpoint of ${c.at}: the chain was rewritten`);
        }
        if (marker && keyedFrom === null) keyedFrom = row.seq;
        prevHash = hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < pageSize) break;
    }
    const head = await findAuditChainHead(q);
    return { checked, keyedFrom, prevHash, head: { seq: Number(head.seq), hash: head.hash, keyId: head.keyId } };
  });

  const { checked, keyedFrom } = walk;
  const result = (firstBroken?: { seq: number | null; reason: string }): AuditVerification => ({
    ...base,
    ok: firstBroken === undefined,
    checked,
    keyedFrom,
    notes: firstBroken ? [] : notesOf(checked, keyedFrom, onFile.exists, last, onFile.tornLastLine),
    ...(firstBroken && { firstBroken }),
  });
  if ('broken' in walk) return result(walk.broken);
  const { head } = walk;
  if (head.seq !== checked || head.hash !== walk.prevHash) {
    return result({ seq: checked + 1, reason: `the chain head expects ${head.seq} events; the tail was removed` });
  }
  if (last && last.seq > checked) {
    return result({
      seq: checked + 1,
      reason:
        checked === 0
          ? `the tail was removed: the audit trail is empty, but the checkpoint of ${last.at} records event #${last.seq}`
          : `the tail was removed: the checkpoint of ${last.at} records event #${last.seq}, but the chain ends at #${checked}`,
    });
  }
  if (head.keyId !== null && keyedFrom === null && checked > 0) {
    return result({ seq: 1, reason: 'the chain head says the chain is keyed, but no event is: it was rewritten' });
  }
  return result();
}

function notesOf(
  checked: number,
  keyedFrom: number | null,
  fileExists: boolean,
  last: Checkpoint | null,
  torn: boolean,
): string[] {
  const notes: string[] = [];
  if (checked > 0 && keyedFrom === null) {
    notes.push(
      'No event is keyed yet (the chain was written before the audit key): an edit re-hashed with SHA-256 cannot be ' +
        'told from the original until the server appends again.',
    );
  } else if (keyedFrom !== null && keyedFrom > 1) {
    notes.push(
      `Events #1 to #${keyedFrom - 1} were written before the audit key (plain SHA-256); the keyed event ` +
        `#${keyedFrom} links to them, so an edit among them breaks that link.`,
    );
  }
  if (!fileExists || last === null) {
    if (checked > 0) {
      notes.push(
        `No checkpoint is on file${fileExists ? '' : ' (the file does not exist)'}: a removed tail with the head moved ` +
          'back cannot be detected.',
      );
    }
  } else if (last.seq < checked) {
    notes.push(
      `Events after #${last.seq} are not anchored by a checkpoint yet: removing them and moving the head back would ` +
        'not be detected.',
    );
  }
  if (torn)
    notes.push('The last line of the checkpoint file was cut short (a crash while it was written) and ignored.');
  return notes;
}

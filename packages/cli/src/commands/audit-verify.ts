import { type AuditVerification, openWorkbench } from '@ipt/server';
import type { Io } from '../io.js';

/**
 * `ipt audit verify`: walks the chain on one snapshot with the operator's audit key and compares it with the
 * checkpoints on file (docs/decisions/0016). Exits 0 when intact, 1 naming the first break.
 */
export async function auditVerify(io: Io): Promise<number> {
  const wb = await openWorkbench({ env: io.env });
  try {
    return reportVerification(io, await wb.verifyAudit());
  } finally {
    await wb.close();
  }
}

/** Says what a verification found (also after `ipt restore`); returns the exit code: 0 intact, 1 broken. */
export function reportVerification(io: Io, result: AuditVerification): number {
  const { checkpoints, keyedFrom, key } = result;
  if (!result.ok) {
    const broken = result.firstBroken;
    const where = broken?.seq == null ? '' : ` at event #${broken.seq}`;
    io.err(
      `Audit trail BROKEN${where}: ${broken?.reason ?? 'unknown'}. ` + `${result.checked} events before it verified.`,
    );
    return 1;
  }
  io.out(`Audit trail intact: ${result.checked} events, every link verified.`);
  if (keyedFrom !== null) io.out(`  Keyed (HMAC-SHA-256, key ${key.id} from ${key.source}) from event #${keyedFrom}.`);
  if (checkpoints.last) {
    io.out(
      `  Anchored by ${checkpoints.count} checkpoint(s) in ${checkpoints.file}; ` +
        `the last records event #${checkpoints.last.seq} at ${checkpoints.last.at}.`,
    );
  }
  for (const note of result.notes) io.out(`  Note: ${note}`);
  return 0;
}

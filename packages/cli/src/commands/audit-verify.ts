import { openWorkbench, verifyAuditChain } from '@ipt/server';
import type { Io } from '../io.js';

export async function auditVerify(io: Io): Promise<number> {
  const wb = await openWorkbench({ env: io.env });
  try {
    const result = await verifyAuditChain(wb.db.db);
    if (result.ok) {
      io.out(`Audit trail intact: ${result.checked} events, every link verified.`);
      return 0;
    }
    io.err(
      `Audit trail BROKEN at event #${result.firstBroken?.seq}: ${result.firstBroken?.reason}. ` +
        `${result.checked} events before it verified.`,
    );
    return 1;
  } finally {
    await wb.close();
  }
}

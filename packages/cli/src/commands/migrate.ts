import { migrationLevel, openWorkbench } from '@ipt/server';
import type { Io } from '../io.js';

export async function migrate(io: Io): Promise<number> {
  const wb = await openWorkbench({ env: io.env });
  try {
    const level = await migrationLevel(wb.db.db);
    io.out(`${wb.db.dialect} at ${wb.db.location}: ${level.applied} migration(s) applied, latest ${level.latest}.`);
    return 0;
  } finally {
    await wb.close();
  }
}

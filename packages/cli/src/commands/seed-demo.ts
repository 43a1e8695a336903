import { loadDemoClinic, openWorkbench } from '@ipt/server';
import { CliError, type Io } from '../io.js';

export async function seedDemo(io: Io): Promise<number> {
  const wb = await openWorkbench({ env: io.env });
  try {
    if (await wb.services.people.anyOrganisation()) {
      throw new CliError('This database is not empty: the demo clinic loads only into a fresh database.');
    }
    const logins = await loadDemoClinic(wb.services);
    io.out('Demo clinic loaded (fictional data). Sign in with:');
    for (const l of logins) io.out(`  ${l.role.padEnd(11)} ${l.email.padEnd(30)} ${l.password}`);
    return 0;
  } finally {
    await wb.close();
  }
}

import { parseArgs } from 'node:util';
import { startServer } from '@ipt/server';
import type { Io } from '../io.js';

export async function serve(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { demo: { type: 'boolean', default: false } } });
  const server = await startServer({ env: io.env, demo: values.demo });
  const { db } = server.workbench;
  io.out(`IPT Workbench is serving ${server.url.replace('127.0.0.1', 'localhost')} (${db.dialect}: ${db.location})`);
  if (server.demoLogins.length > 0) {
    io.out('\nDemo clinic (fictional data). Sign in with:');
    for (const l of server.demoLogins) io.out(`  ${l.role.padEnd(11)} ${l.email.padEnd(30)} ${l.password}`);
    io.out('');
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      io.out(`${signal}: finishing requests in flight, then closing the database…`);
      server.close().then(resolve, (err: unknown) => {
        io.err(`Shutdown failed: ${(err as Error).message}`);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

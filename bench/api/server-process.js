/**
 * The server under test, in its own process.
 *
 * It runs apart from the load generator so that the two do not share one event loop: in one process autocannon's
 * own work would be counted as the server's latency and would cap its throughput.
 *
 * Protocol (Node IPC): the parent passes the server's environment as JSON in BENCH_SERVER_ENV (and the web client to
 * serve, when not the default, in BENCH_SERVER_WEB_ROOT); this process answers
 * { url, demoLogins } once listening (or { error }), and closes cleanly on the message 'close' or when the parent
 * goes away.
 */
import { startServer } from '@ipt/server';

async function main() {
  const env = JSON.parse(process.env.BENCH_SERVER_ENV ?? '{}');
  let server;
  try {
    const webRoot = process.env.BENCH_SERVER_WEB_ROOT;
    server = await startServer({ env, demo: true, ...(webRoot ? { webRoot } : {}) });
  } catch (err) {
    process.send?.({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  }
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    // close() drains the audit group commit and closes the database: PostgreSQL can then drop the database at once.
    await server.close();
    process.exit(0);
  };
  process.on('message', (m) => m === 'close' && void close());
  process.on('disconnect', () => void close());
  process.send?.({ url: server.url, demoLogins: server.demoLogins });
}

await main();

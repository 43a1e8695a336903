/** Starts the server under test in a child process (server-process.js) and stops it; shared by the benchmarks. */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Starts the server with the demo clinic on `dataDir` (and the database at `databaseUrl`, when given) and resolves
 * to { url, demoLogins, stop() } once it listens. `cpuProfileDir`: save a V8 CPU profile of the server there;
 * `webRoot`: the built web client to serve (the server's default, packages/web/dist, when not given).
 * @param {string} dataDir
 * @param {string | undefined} databaseUrl
 * @param {{ cpuProfileDir?: string, webRoot?: string }} [options]
 */
export async function startServerProcess(dataDir, databaseUrl, options = {}) {
  const env = { IPT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const child = fork(path.join(here, 'server-process.js'), [], {
    execArgv: [...process.execArgv, ...profile],
    env: {
      ...process.env,
      BENCH_SERVER_ENV: JSON.stringify(env),
      ...(options.webRoot ? { BENCH_SERVER_WEB_ROOT: options.webRoot } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`The server process exited (${code}) before it was ready.`)));
  });
  if (ready.error) throw new Error(`The server did not start:\n${ready.error}`);
  return {
    ...ready,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.send('close');
      }),
  };
}

/** Opening and closing the whole server-side system: config, database, migrations, audit, services, HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, buildApp } from './app.js';
import { loadAuditKey } from './audit/audit-key.js';
import { AuditKeyMismatch, AuditLog } from './audit/audit-log.js';
import { type AuditVerification, verifyAuditChain } from './audit/verify.js';
import { type Config, loadConfig } from './config.js';
import { type Db, lockDataDir, type OpenDatabaseOptions, openDatabase } from './db/connect.js';
import { migrateToLatest, migrationLevel } from './db/migrate.js';
import { findAuditChainHead } from './db/repositories/audit-repository.js';
import { listOrganisationDemoFlags } from './db/repositories/organisations-repository.js';
import { type DemoLogin, loadDemoClinic } from './demo/demo-clinic.js';
import { Mailer } from './mail/outbox.js';
import { createServices, type Services } from './services/index.js';

export interface OpenOptions {
  /** Environment overrides (PORT, IPT_DATA_DIR, DATABASE_URL, …); defaults to process.env. */
  readonly env?: Record<string, string | undefined>;
  readonly clock?: () => Date;
  /** Told of every statement the database runs (bench/api/queries.js counts them per request). */
  readonly onQuery?: OpenDatabaseOptions['onQuery'];
}

export interface Workbench {
  readonly config: Config;
  readonly db: Db;
  readonly services: Services;
  /** Verifies the audit chain with this process's key against its checkpoints (docs/decisions/0016). */
  verifyAudit(): Promise<AuditVerification>;
  close(): Promise<void>;
}

/** Opens the database, brings it to the latest migration and builds the services. */
export async function openWorkbench(options: OpenOptions = {}): Promise<Workbench> {
  const config = loadConfig(options.env ?? process.env);
  const key = loadAuditKey(config.audit);
  const db = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, onQuery: options.onQuery });
  let migrations: { applied: number; latest: string };
  try {
    await db.exclusive((writer) => migrateToLatest(writer));
    migrations = await migrationLevel(db.db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const clock = options.clock ?? (() => new Date());
  const { checkpointsFile, checkpointEveryEvents, checkpointEveryMs } = config.audit;
  const audit = new AuditLog(db, clock, { key, checkpointsFile, checkpointEveryEvents, checkpointEveryMs });
  const mail = new Mailer(db, clock, config.mail);
  const services = createServices({ db, audit, config, clock, migrations, mail });
  return {
    config,
    db,
    services,
    verifyAudit: () => verifyAuditChain(db, { key, checkpointsFile }),
    close: async () => {
      await mail.stop();
      await audit.close();
      await db.close();
    },
  };
}

/** How long shutdown waits for requests in flight before it closes their connections. */
const DRAIN_DEADLINE_MS = 5_000;

const defaultWebRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface StartOptions extends OpenOptions {
  /** Load the fictional demo clinic when the database is fresh. */
  readonly demo?: boolean;
  readonly webRoot?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly app: App;
  readonly workbench: Workbench;
  /** The demo logins, when this is the demo database; empty otherwise. */
  readonly demoLogins: readonly DemoLogin[];
  close(): Promise<void>;
}

/**
 * Starts the server: migrate, seed the demo clinic into a fresh database if asked, listen. On SQLite the data folder
 * is taken for this server alone first; a second server on it refuses to start, saying which process holds it.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(options.env ?? process.env);
  const lock = config.databaseUrl === undefined ? lockDataDir(config.dataDir) : null;
  try {
    const server = await startUnlocked(options);
    return { ...server, close: () => server.close().finally(() => lock?.release()) };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function startUnlocked(options: StartOptions): Promise<RunningServer> {
  const workbench = await openWorkbench(options);
  const { config, services } = workbench;
  await assertAuditKey(workbench);
  const demoLogins = options.demo ? await ensureDemo(workbench) : [];
  const app = await buildApp({ services, webRoot: options.webRoot ?? defaultWebRoot });
  services.deps.audit.warn = (message) => app.log.warn(message);
  services.deps.mail.warn = (message) => app.log.warn(message);
  // The outbox is drained by the serving process only (the CLI's other commands leave it be).
  services.deps.mail.start();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    app,
    workbench,
    demoLogins,
    close: () => {
      // Stop taking requests, let the ones in flight finish (for at most the drain deadline: a client that keeps a
      // connection open without a request must not hold the shutdown), then flush the audit trail and close the
      // database.
      const deadline = setTimeout(() => app.server.closeAllConnections(), DRAIN_DEADLINE_MS);
      closing ??= app
        .close()
        .finally(() => clearTimeout(deadline))
        .then(() => workbench.close());
      return closing;
    },
  };
}

/**
 * Refuses to serve with another key than the one the chain is keyed with: every audited request would fail, and a
 * chain forked between two keys cannot be verified with either. Said at boot, with what to do.
 */
async function assertAuditKey(workbench: Workbench) {
  const { key } = workbench.services.deps.audit.anchor;
  const head = await findAuditChainHead(workbench.db.db);
  if (head.keyId !== null && head.keyId !== key.id) {
    await workbench.close();
    throw new AuditKeyMismatch(head.keyId, key);
  }
}

/** Seeds a fresh database with the demo clinic; on later starts returns the stored demo logins. */
async function ensureDemo(workbench: Workbench): Promise<DemoLogin[]> {
  const { db, config, services } = workbench;
  const file = path.join(config.dataDir, 'demo-logins.json');
  const orgs = await listOrganisationDemoFlags(db.db);
  if (orgs.length === 0) {
    const logins = await loadDemoClinic(services);
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
    return logins;
  }
  if (orgs.every((o) => o.isDemo === 1) && fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoLogin[];
  }
  return [];
}

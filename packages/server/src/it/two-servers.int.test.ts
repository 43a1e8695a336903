/**
 * Two servers on one PostgreSQL database (issue 11, part 6): each with its own data folder and checkpoint file,
 * sharing the database and the audit key (ADR 0016). A session from one is valid on the other, a write on one is
 * read on the other, a stale If-Match is refused across them and simultaneous changes of one version have exactly
 * one winner, and the audit chain both appended to verifies with either one's checkpoints. PostgreSQL only: on
 * SQLite a second server on the same folder refuses to start (ADR 0017). The long version with two real processes
 * is `npm run proof:two-servers`.
 */
import { openWorkbench, type RunningServer, startServer } from '@ipt/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dbTargets,
  removeDataDir,
  type SignedIn,
  startTestServer,
  tempDir,
  type TestServer,
} from '../../test/harness.js';

const targets = (await dbTargets()).filter((t) => t.name === 'postgresql');

describe.skipIf(targets.length === 0).each(targets)('two servers on one $name database', (target) => {
  let a: TestServer;
  let b: RunningServer;
  let bEnv: Record<string, string>;
  let clinician: SignedIn;

  beforeAll(async () => {
    a = await startTestServer(target, { demo: true });
    const { config } = a.workbench;
    if (!config.databaseUrl) throw new Error('expected a PostgreSQL server');
    bEnv = {
      PORT: '0',
      LOG_LEVEL: 'silent',
      IPT_DATA_DIR: tempDir(),
      DATABASE_URL: config.databaseUrl,
      // The same key as A: a server with another key refuses to start on this chain.
      IPT_AUDIT_KEY_FILE: config.audit.keyFile,
    };
    b = await startServer({ env: bEnv, webRoot: tempDir('ipt-noweb-') });
    const login = a.demoLogins.find((l) => l.role === 'clinician');
    if (!login) throw new Error('no demo clinician');
    clinician = await a.as(login.email, login.password);
  });

  afterAll(async () => {
    await b?.close();
    if (bEnv) removeDataDir(bEnv.IPT_DATA_DIR ?? '');
    await a?.drop();
  });

  /** Raw HTTP to B with the session A gave. */
  const onB = (method: string, urlPath: string, init: { body?: unknown; ifMatch?: string } = {}) =>
    fetch(b.url + urlPath, {
      method,
      headers: {
        cookie: clinician.cookie(),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...(init.ifMatch !== undefined && { 'if-match': init.ifMatch }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  it('takes a session signed in on the other, and reads what the other wrote', async () => {
    const me = await onB('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    const patient = await clinician.api.createPatient({ body: { displayName: 'Seen on B', yearOfBirth: 1981 } });
    const read = await onB('GET', `/api/patients/${patient.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { patient: { displayName: string } }).patient.displayName).toBe('Seen on B');
  });

  it('refuses a stale If-Match across the servers, and lets exactly one of two simultaneous changes win', async () => {
    const patient = await clinician.api.createPatient({ body: { displayName: 'Contested', yearOfBirth: 1982 } });
    const changed = await clinician.api.updatePatient({
      params: { patientId: patient.id },
      body: { displayName: 'Changed on A' },
      ifMatch: patient.version,
    });
    const stale = await onB('PATCH', `/api/patients/${patient.id}`, {
      body: { displayName: 'Stale on B' },
      ifMatch: `"${patient.version}"`,
    });
    expect(stale.status).toBe(409);

    for (let i = 0; i < 5; i++) {
      const current = i === 0 ? changed.version : await versionOf(await onB('GET', `/api/patients/${patient.id}`));
      const viaA = clinician.raw('PATCH', `/api/patients/${patient.id}`, {
        body: JSON.stringify({ displayName: `A ${i}` }),
        headers: { 'content-type': 'application/json', 'if-match': `"${current}"` },
      });
      const viaB = onB('PATCH', `/api/patients/${patient.id}`, {
        body: { displayName: `B ${i}` },
        ifMatch: `"${current}"`,
      });
      const statuses = (await Promise.all([viaA, viaB])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
    }
  });

  it('keeps one audit chain that verifies with either server’s checkpoints', async () => {
    const patient = await clinician.api.createPatient({ body: { displayName: 'Chain', yearOfBirth: 1983 } });
    const reads = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? clinician.api.getPatient({ params: { patientId: patient.id } })
        : onB('GET', `/api/patients/${patient.id}`).then((r) => expect(r.status).toBe(200)),
    );
    await Promise.all(reads);
    await b.close();
    const verifyB = await openWorkbench({ env: bEnv });
    try {
      const result = await verifyB.verifyAudit();
      expect(result.ok, JSON.stringify(result.firstBroken)).toBe(true);
      expect(result.checkpoints.last).not.toBeNull();
    } finally {
      await verifyB.close();
    }
    const result = await a.workbench.verifyAudit();
    expect(result.ok, JSON.stringify(result.firstBroken)).toBe(true);
  });
});

async function versionOf(res: Response): Promise<number> {
  const body = (await res.json()) as { patient: { version: number } };
  return body.patient.version;
}

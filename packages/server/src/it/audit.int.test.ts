import { sql } from 'kysely';
import { verifyAuditChain } from '@ipt/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();

describe.each(targets)('the audit trail on $name', (target) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(target);
    world = await buildWorld(server);
  });
  afterAll(() => server?.drop());

  const db = () => server.workbench.db.db;
  const eventsFor = (patientId: string) =>
    db().selectFrom('auditEvents').selectAll().where('patientId', '=', patientId).orderBy('seq').execute();

  it('records every read and write of clinical data, and denied attempts, before answering', async () => {
    const c = await server.as(world.users.clinician.email, PASSWORD);
    const before = (await eventsFor(world.own.patientId)).length;
    await c.api.getPatient({ params: { patientId: world.own.patientId } });
    await c.api.createSession({
      params: { courseId: world.own.courseId },
      body: { date: '2026-01-12', attendance: 'no-show' },
    });
    const events = (await eventsFor(world.own.patientId)).slice(before);
    expect(events.map((e) => [e.action, e.entityType, e.outcome, e.userId])).toEqual([
      ['read', 'Patient', 'success', world.users.clinician.id],
      ['create', 'Session', 'success', world.users.clinician.id],
    ]);
    await c.raw('GET', `/api/patients/${world.otherOrganisation.patientId}`);
    const denied = await db()
      .selectFrom('auditEvents')
      .selectAll()
      .where('outcome', '=', 'denied')
      .where('userId', '=', world.users.clinician.id)
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('commits events recorded together in one transaction', async () => {
    const audit = server.workbench.services.deps.audit;
    const commitsBefore = audit.commits;
    const events = 50;
    await Promise.all(
      Array.from({ length: events }, (_, i) =>
        audit.record({
          organisationId: null,
          userId: world.users.clinician.id,
          role: 'clinician',
          action: 'read',
          entityType: 'Patient',
          entityId: `group-${i}`,
          patientId: null,
          outcome: 'success',
          ip: null,
          operation: 'groupCommitTest',
        }),
      ),
    );
    expect(audit.commits - commitsBefore).toBe(1);
    const rows = await db()
      .selectFrom('auditEvents')
      .selectAll()
      .where('operation', '=', 'groupCommitTest')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.entityId)).toEqual(Array.from({ length: events }, (_, i) => `group-${i}`));
    // One batch: one commit time, and consecutive links of the chain.
    expect(new Set(rows.map((r) => r.at)).size).toBe(1);
    expect(Number(rows.at(-1)?.seq) - Number(rows[0]?.seq)).toBe(events - 1);
  });

  it('groups concurrent reads into fewer commits than events, and loses none', async () => {
    const c = await server.as(world.users.clinician.email, PASSWORD);
    const audit = server.workbench.services.deps.audit;
    const before = (await eventsFor(world.own.patientId)).length;
    const commitsBefore = audit.commits;
    const reads = 50;
    await Promise.all(
      Array.from({ length: reads }, () => c.api.getPatient({ params: { patientId: world.own.patientId } })),
    );
    const events = (await eventsFor(world.own.patientId)).slice(before);
    const commits = audit.commits - commitsBefore;
    expect(events.map((e) => [e.action, e.entityType, e.outcome])).toEqual(
      Array.from({ length: reads }, () => ['read', 'Patient', 'success']),
    );
    // On PostgreSQL a commit takes a round trip, and the reads that arrive meanwhile wait for the next one: far fewer
    // commits than reads (4 to 9 for 50 here). SQLite answers each query synchronously, so the server takes the reads
    // nearly one at a time and a commit carries about two (25 to 27 for 50).
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThanOrEqual(target.name === 'postgresql' ? reads / 4 : reads - 1);
    // The rows agree: the events of one batch share its commit time (two batches may share a millisecond).
    expect(new Set(events.map((e) => e.at)).size).toBeLessThanOrEqual(commits);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('is append-only inside the database', async () => {
    await expect(sql`update audit_events set outcome = 'success' where seq = 1`.execute(db())).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events where seq = 1`.execute(db())).rejects.toThrow(/append-only/);
  });

  it('detects an altered event, a removed event and a removed tail, naming the first broken link', async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    // Someone with direct database access first removes the guard, then tampers.
    await dropGuards(target.name);
    await sql`update audit_events set outcome = 'tampered' where seq = 5`.execute(db());
    expect(await verifyAuditChain(db())).toMatchObject({
      ok: false,
      firstBroken: { seq: 5, reason: 'its content was altered' },
    });

    await sql`delete from audit_events where seq = 5`.execute(db());
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { seq: 5 } });

    await sql`delete from audit_events where seq < 10`.execute(db());
    const last = await db()
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.max('seq').as('max'))
      .executeTakeFirstOrThrow();
    await sql`delete from audit_events where seq = ${Number(last.max)}`.execute(db());
    await sql`delete from audit_events`.execute(db());
    const result = await verifyAuditChain(db());
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.reason).toMatch(/tail was removed/);
  });

  async function dropGuards(dialect: string) {
    if (dialect === 'postgresql') {
      await sql`drop trigger audit_events_no_change on audit_events`.execute(db());
    } else {
      await sql`drop trigger audit_events_no_update`.execute(db());
      await sql`drop trigger audit_events_no_delete`.execute(db());
    }
  }
});

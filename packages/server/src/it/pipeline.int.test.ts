/**
 * The one pipeline (services/pipeline.ts, ADR 0014) holds what each policy declares, whoever calls the services:
 * a read-scoped operation cannot write, an operation scoped to the organisation cannot reach a patient's clinical
 * records, and a write that fails leaves neither its change nor its audit event behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, type World } from '../../test/world.js';

const targets = await dbTargets();

describe.each(targets)('the pipeline on $name', (target) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(target);
    world = await buildWorld(server);
  });
  afterAll(() => server?.drop());

  const services = () => server.workbench.services;
  const auditCount = async (patientId: string) =>
    (await server.workbench.db.db.selectFrom('auditEvents').select('id').where('patientId', '=', patientId).execute())
      .length;
  /** The clinician of the own caseload, acting in an operation declared with `scope`. */
  const as = (scope: 'patient:read' | 'patient:write' | 'organisation' | 'none', operation = `test:${scope}`) => ({
    ...world.ctx('own'),
    operation,
    scope,
  });

  it('lets a read-scoped operation read a course but not change it, and changes nothing when refused', async () => {
    const { courseId, patientId } = world.own;
    const read = await services().courses.detail(as('patient:read'), courseId);
    expect(read.course.plannedSessions).toBe(16);
    const events = await auditCount(patientId);

    await expect(
      services().courses.update(as('patient:read'), courseId, read.course.version, { plannedSessions: 14 }),
    ).rejects.toThrow(/declared with scope "patient:read" but asked to write/);

    const after = await services().courses.detail(as('patient:read'), courseId);
    expect(after.course.plannedSessions).toBe(16);
    expect(after.course.version).toBe(read.course.version);
    // The refused write left no audit event; the second read left one.
    expect(await auditCount(patientId)).toBe(events + 1);
  });

  it('keeps an organisation-scoped or unscoped operation away from a patient’s clinical records', async () => {
    const { courseId, sessionId, patientId } = world.own;
    await expect(services().courses.detail(as('organisation'), courseId)).rejects.toThrow(/scope "organisation"/);
    await expect(services().courses.session(as('none'), sessionId)).rejects.toThrow(/scope "none"/);
    await expect(services().patients.detail(as('none'), patientId)).rejects.toThrow(/scope "none"/);
    await expect(services().initial.view(as('organisation'), courseId)).rejects.toThrow(/scope "organisation"/);
  });

  it('commits a write and its audit event together, and neither when a rule refuses the write', async () => {
    const { courseId, patientId } = world.own;
    const before = await services().courses.detail(as('patient:write'), courseId);
    const events = await auditCount(patientId);

    // Reached inside the work, then refused by a rule: nothing is written and no event is appended.
    await expect(
      services().courses.update(as('patient:write'), courseId, before.course.version, { plannedSessions: 3 }),
    ).rejects.toThrow();
    expect(await auditCount(patientId)).toBe(events);

    const changed = await services().courses.update(as('patient:write'), courseId, before.course.version, {
      plannedSessions: 14,
    });
    expect(changed.course.plannedSessions).toBe(14);
    expect(changed.course.version).toBe(before.course.version + 1);
    expect(await auditCount(patientId)).toBe(events + 1);

    // The version it replaced is kept, and a stale write is refused without a trace.
    await expect(
      services().courses.update(as('patient:write'), courseId, before.course.version, { plannedSessions: 12 }),
    ).rejects.toThrow(/changed since you read it/);
    expect(await auditCount(patientId)).toBe(events + 1);
  });

  it('answers not found, not a scope error, for a course of another caseload reached within scope', async () => {
    await expect(services().courses.detail(as('patient:read'), world.otherCaseload.courseId)).rejects.toThrow(
      /not found/i,
    );
    await expect(services().courses.detail(as('patient:write'), world.otherOrganisation.courseId)).rejects.toThrow(
      /not found/i,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { pathFor } from './client.js';
import { buildOpenApiDocument } from './openapi.js';
import { routes } from './routes.js';
import { CreateCourseRequest, CreateSessionRequest } from './schemas/clinical.js';

describe(buildOpenApiDocument.name, () => {
  const doc = buildOpenApiDocument({ version: 'test' });

  it('describes every route of the table, with its operation id', () => {
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p) as { operationId: string }[]);
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(routes).sort());
  });

  it('resolves every $ref to a component schema', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref as string);
  });

  it('requires If-Match on every versioned update', () => {
    const patch = doc.paths['/api/sessions/{sessionId}']?.patch as { parameters: { name: string; in: string }[] };
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header' }));
  });
});

describe('request schemas', () => {
  it('default a course to 16 individual sessions and reject unknown fields', () => {
    const parsed = CreateCourseRequest.parse({
      schoolPreset: 'stuart',
      schedule: { weekday: 3, time: '14:00' },
      startDate: '2026-02-04',
    });
    expect(parsed).toMatchObject({ plannedSessions: 16, format: 'individual' });
    expect(CreateCourseRequest.safeParse({ ...parsed, colour: 'blue' }).success).toBe(false);
  });

  it('reject an impossible date, time or attendance', () => {
    expect(CreateSessionRequest.safeParse({ date: '2026-02-30', attendance: 'attended' }).success).toBe(false);
    expect(CreateSessionRequest.safeParse({ date: '2026-02-03', attendance: 'late' }).success).toBe(false);
    expect(
      CreateCourseRequest.safeParse({
        schoolPreset: 'iptuk',
        schedule: { weekday: 8, time: '25:00' },
        startDate: '2026-02-04',
      }).success,
    ).toBe(false);
  });
});

describe(pathFor.name, () => {
  it('fills and encodes path parameters, and refuses a missing one', () => {
    expect(pathFor('/api/patients/{patientId}', { patientId: 'a/b' })).toBe('/api/patients/a%2Fb');
    expect(() => pathFor('/api/courses/{courseId}', {})).toThrow(/courseId/);
  });
});

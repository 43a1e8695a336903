import { z } from 'zod';

/** Record ids are UUIDv7 text (shared/DESIGN.md "Data"). */
export const Id = z.uuid({ error: 'Must be a record id (UUID).' });
export const IsoDate = z.iso.date({ error: 'Must be a date as YYYY-MM-DD.' });
export const IsoDateTime = z.iso.datetime({ offset: true, error: 'Must be an ISO-8601 instant.' });
export const Version = z.number().int().min(1);

/** The kinds of problem the API answers with (RFC 9457 `type`), so clients can tell a stale write from a duplicate. */
export const ProblemType = {
  validation: 'urn:ipt-workbench:problem:validation',
  rule: 'urn:ipt-workbench:problem:rule',
  staleVersion: 'urn:ipt-workbench:problem:stale-version',
  conflict: 'urn:ipt-workbench:problem:conflict',
  notFound: 'urn:ipt-workbench:problem:not-found',
  notSignedIn: 'urn:ipt-workbench:problem:not-signed-in',
  forbidden: 'urn:ipt-workbench:problem:forbidden',
  preconditionRequired: 'urn:ipt-workbench:problem:if-match-required',
  kioskLocked: 'urn:ipt-workbench:problem:kiosk-locked',
  linkUsed: 'urn:ipt-workbench:problem:link-used-or-expired',
  tooManyAttempts: 'urn:ipt-workbench:problem:too-many-attempts',
  /** The password was right, but the second step of signing in (a code, or setting up an app) is not done yet. */
  secondStepOwed: 'urn:ipt-workbench:problem:second-step-owed',
} as const;

/** RFC 9457 problem details, with the offending fields named and, on a stale write, the current version. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    currentVersion: z.number().int().optional(),
    current: z.unknown().optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const IdParams = z.strictObject({ id: Id });
export const PatientIdParams = z.strictObject({ patientId: Id });
export const CourseIdParams = z.strictObject({ courseId: Id });
export const SessionIdParams = z.strictObject({ sessionId: Id });

export const Empty = z.strictObject({});

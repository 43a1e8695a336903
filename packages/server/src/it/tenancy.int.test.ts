/**
 * Tenancy, proved per repository function (shared/DESIGN.md "Security model": no query runs without the organisation
 * in its where). Every exported function of every file in `db/repositories/` either has a case here, which calls it
 * with one organisation's id and the other organisation's record ids (both ways round) and checks that it finds
 * nothing and changes nothing, or is exempt with a written reason. A function added without either fails this test.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Role } from '@ipt/core';
import { repositories, type Workbench } from '@ipt/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld } from '../../test/world.js';

const {
  accessRepository: access,
  authSessionsRepository: authSessions,
  courseRecordsRepository: courseRecords,
  coursesRepository: courses,
  measuresRepository: measures,
  mfaRepository: mfa,
  organisationsRepository: organisations,
  patientsRepository: patients,
  revisionsRepository: revisions,
  usersRepository: users,
  versioned,
} = repositories;

type Q = Workbench['db']['db'];
type Actor = Parameters<typeof access.reachableCoursePatient>[1];

/** One organisation's records, as the world and the setup below made them. */
interface Tenant {
  readonly organisationId: string;
  /** The clinician whose caseload holds the patient. */
  readonly userId: string;
  readonly patientId: string;
  readonly courseId: string;
  readonly sessionId: string;
  readonly administrationId: string;
  readonly courseRecordId: string;
  readonly courseRecordSlot: string;
  readonly riskFlagId: string;
  readonly safetyReviewId: string;
  readonly authSessionHash: string;
}

/** Calls the function as `caller` (its organisation) with the ids of `owner`'s records, and checks the outcome. */
type Case = (q: Q, caller: Tenant, owner: Tenant) => Promise<void>;
type Entry = Case | { readonly exempt: string };

type Repositories = typeof repositories;
type FunctionsOf<M> = {
  [K in keyof M as M[K] extends (...args: never[]) => unknown ? K : never]: Entry;
};
/** Every exported function of every repository module: the type checker also fails on a missing or stale entry. */
type Cases = { [M in keyof Repositories]: FunctionsOf<Repositories[M]> };

const actorOf = (userId: string, organisationId: string): Actor => ({
  userId,
  organisationId,
  role: Role.clinician,
  displayName: 'tenancy test',
  sessionIdHash: 'tenancy-test',
});

const idsOf = (t: Tenant) => [
  t.organisationId,
  t.userId,
  t.patientId,
  t.courseId,
  t.sessionId,
  t.administrationId,
  t.courseRecordId,
  t.riskFlagId,
  t.safetyReviewId,
];

const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? '';
const found = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
/** A lookup must find nothing; a list may hold the caller's own rows but none of the owner's. */
const leaks = (v: unknown, owner: Tenant) =>
  found(v) && (!Array.isArray(v) || idsOf(owner).some((id) => json(v).includes(id)));

/** A read: with the owner's organisation it finds the owner's record (the ids are right); with the caller's, not. */
const reads =
  (read: (q: Q, organisationId: string, owner: Tenant) => Promise<unknown>): Case =>
  async (q, caller, owner) => {
    const own = await read(q, owner.organisationId, owner);
    expect(found(own), `its own organisation finds the record: ${json(own)}`).toBe(true);
    const cross = await read(q, caller.organisationId, owner);
    expect(leaks(cross, owner), `another organisation finds nothing of it: ${json(cross)}`).toBe(false);
  };

/** A read through an actor: the owner's clinician, but signed in (as it were) to the caller's organisation. */
const readsAs = (read: (q: Q, actor: Actor, owner: Tenant) => Promise<unknown>): Case =>
  reads((q, organisationId, owner) => read(q, actorOf(owner.userId, organisationId), owner));

type Changes = { readonly numUpdatedRows: bigint } | { readonly numDeletedRows: bigint };
/** How many rows an update or delete changed. */
const changed = (r: Changes | readonly Changes[]): number => {
  // Not Array.isArray: it narrows a readonly array to any[].
  const all: readonly Changes[] = 'length' in r ? r : [r];
  return all.reduce((n, x) => n + Number('numUpdatedRows' in x ? x.numUpdatedRows : x.numDeletedRows), 0);
};

const insert = {
  exempt:
    'An insert: the row names its organisation (the actor’s, once the service has proved reach to the parent record); it reads and changes no other row.',
};
const mapper = { exempt: 'Maps a row already read; runs no query.' };
const byToken = {
  exempt:
    'Keyed by the SHA-256 of a 256-bit random token (session cookie, questionnaire link or account invitation), unique across organisations: the token is how the organisation becomes known.',
};
const throttle = {
  exempt:
    'Throttles are keyed by a SHA-256 of an email and an address, an email, an address (sign-in, before any organisation is known), or of a session or user the caller already holds; they hold no record of any organisation (docs/decisions/0017).',
};
const auditChain = {
  exempt:
    'The audit chain is one hash chain across organisations, in commit order; only the server and `ipt audit verify` use it.',
};

const outboxSender = {
  exempt:
    'The email outbox is drained by the server itself, across organisations (mail/outbox.ts): no caller reaches it, and a row is named by its own random id.',
};

const at = () => new Date().toISOString();

const cases: Cases = {
  accessRepository: {
    canReach: readsAs((q, actor, o) =>
      q
        .selectFrom('patients')
        .select('id')
        .where('id', '=', o.patientId)
        .where(access.canReach(actor, 'read'))
        .execute(),
    ),
    reachableCoursePatient: readsAs((q, actor, o) => access.reachableCoursePatient(q, actor, o.courseId, 'read')),
    reachableSessionOwner: readsAs((q, actor, o) => access.reachableSessionOwner(q, actor, o.sessionId, 'read')),
  },
  auditRepository: {
    insertAuditEvents: auditChain,
    setAuditChainHead: auditChain,
    listAuditEventsFrom: auditChain,
    findAuditChainHead: auditChain,
    findAuditEvent: auditChain,
    findTargetPatient: {
      exempt:
        'Across organisations on purpose: the patient of the record a refused request named, written only into that refusal’s audit event (so it is found in the patient’s history) and never answered to the caller.',
    },
  },
  authSessionsRepository: {
    insertAuthSession: insert,
    findLiveSession: byToken,
    touchSession: byToken,
    endSession: byToken,
    setKioskLock: byToken,
    endOtherSessions: async (q, caller, owner) => {
      expect(changed(await authSessions.endOtherSessions(q, caller.organisationId, owner.userId, 'none', at()))).toBe(
        0,
      );
      expect(await authSessions.findLiveSession(q, owner.authSessionHash)).toBeDefined();
      // With the owner's organisation it does end the owner's other sessions.
      const other = randomUUID();
      await authSessions.insertAuthSession(q, {
        idHash: other,
        userId: owner.userId,
        organisationId: owner.organisationId,
        createdAt: at(),
        lastSeenAt: at(),
        endedAt: null,
        kioskLinkHash: null,
        mfaStage: null,
      });
      await authSessions.endOtherSessions(q, owner.organisationId, owner.userId, owner.authSessionHash, at());
      expect(await authSessions.findLiveSession(q, other)).toBeUndefined();
      expect(await authSessions.findLiveSession(q, owner.authSessionHash)).toBeDefined();
    },
  },
  courseRecordsRepository: {
    insertCourseRecord: insert,
    listCourseRecords: reads((q, org, o) => courseRecords.listCourseRecords(q, org, o.courseId)),
    findCourseRecord: reads((q, org, o) => courseRecords.findCourseRecord(q, org, o.courseRecordId)),
    findSingleton: reads((q, org, o) => courseRecords.findSingleton(q, org, o.courseId, o.courseRecordSlot)),
    findSingletonOf: reads((q, org, o) =>
      courseRecords.findSingletonOf(q, org, o.courseId, o.courseRecordSlot, 'inventory-entry'),
    ),
    isKind: { exempt: 'A predicate on a row already read; runs no query.' },
    listCourseRecordRevisions: reads(async (q, org, o) =>
      courseRecords.listCourseRecordRevisions(q, org, await ownerRecord(q, o)),
    ),
    updateCourseRecordData: async (q, caller, owner) => {
      const before = await ownerRecord(q, owner);
      const cross = { ...before, organisationId: caller.organisationId };
      const { data } = before.record;
      expect(await courseRecords.updateCourseRecordData(q, cross, before.version, data, at())).toBe(false);
      expect(await ownerRecord(q, owner)).toEqual(before);
      expect(await courseRecords.updateCourseRecordData(q, before, before.version, data, at())).toBe(true);
    },
    deleteCourseRecord: async (q, caller, owner) => {
      // A copy of the owner's record, so that the owner's own delete can show the version named was right.
      const source = await ownerRecord(q, owner);
      const id = randomUUID();
      const { record, organisationId, patientId, courseId, createdBy } = source;
      const meta = { id, organisationId, patientId, courseId, slot: id, createdBy, createdAt: at(), updatedAt: at() };
      const copy = await courseRecords.insertCourseRecord(q, meta, record.kind, record.data);
      const cross = { ...copy, organisationId: caller.organisationId };
      expect(await courseRecords.deleteCourseRecord(q, cross, copy.version, at())).toBe(false);
      expect(await courseRecords.findCourseRecord(q, owner.organisationId, id)).toEqual(copy);
      expect(await courseRecords.deleteCourseRecord(q, copy, copy.version, at())).toBe(true);
    },
  },
  coursesRepository: {
    toCourse: mapper,
    toSession: mapper,
    insertCourse: insert,
    insertPhaseTransition: insert,
    insertSession: insert,
    findCourse: reads((q, org, o) => courses.findCourse(q, org, o.courseId)),
    listCoursesOfPatients: reads((q, org, o) => courses.listCoursesOfPatients(q, org, [o.patientId])),
    listPhaseTransitions: reads((q, org, o) => courses.listPhaseTransitions(q, org, [o.courseId])),
    findSession: reads((q, org, o) => courses.findSession(q, org, o.sessionId)),
    listSessionsOfCourses: reads((q, org, o) => courses.listSessionsOfCourses(q, org, [o.courseId])),
    listSessionFacts: reads((q, org, o) => courses.listSessionFacts(q, org, [o.courseId])),
  },
  measuresRepository: {
    insertAdministration: insert,
    insertRiskFlags: insert,
    insertSafetyReview: insert,
    insertRiskOverride: insert,
    insertMeasureLink: insert,
    insertSchedule: insert,
    insertAnnotation: insert,
    findMeasureLink: byToken,
    useMeasureLink: byToken,
    listAdministrations: reads((q, org, o) => measures.listAdministrations(q, org, [o.courseId])),
    findAdministration: reads((q, org, o) => measures.findAdministration(q, org, o.administrationId)),
    listRiskFlags: async (q, caller, owner) => {
      for (const openOnly of [true, false]) {
        await reads((q2, org, o) => measures.listRiskFlags(q2, org, [o.patientId], openOnly))(q, caller, owner);
      }
    },
    closeRiskFlags: async (q, caller, owner) => {
      const flag = riskFlag(owner, randomUUID());
      await measures.insertRiskFlags(q, [flag]);
      const close = (org: string) => measures.closeRiskFlags(q, org, owner.patientId, [flag.id], owner.safetyReviewId);
      expect(await close(caller.organisationId)).toBe(0);
      const open = await measures.listRiskFlags(q, owner.organisationId, [owner.patientId], true);
      expect(open.map((f) => f.id)).toContain(flag.id);
      expect(await close(owner.organisationId)).toBe(1);
    },
    listSafetyReviews: reads((q, org, o) => measures.listSafetyReviews(q, org, o.patientId)),
    listRiskOverrides: reads((q, org, o) => measures.listRiskOverrides(q, org, o.patientId)),
    findSchedule: reads((q, org, o) => measures.findSchedule(q, org, o.courseId)),
    listSchedules: reads((q, org, o) => measures.listSchedules(q, org, [o.courseId])),
    updateScheduleIfVersion: async (q, caller, owner) => {
      const before = await measures.findSchedule(q, owner.organisationId, owner.courseId);
      if (!before) throw new Error('the owner has no schedule');
      const rulesJson = '[{"changed":true}]';
      const cross = { ...before, organisationId: caller.organisationId, rulesJson };
      expect(await measures.updateScheduleIfVersion(q, cross, before.version)).toBe(false);
      expect(await measures.findSchedule(q, owner.organisationId, owner.courseId)).toEqual(before);
      expect(await measures.updateScheduleIfVersion(q, { ...before, updatedAt: at() }, before.version)).toBe(true);
    },
    listAnnotations: reads((q, org, o) => measures.listAnnotations(q, org, o.courseId)),
    // Keyed by organisation and instrument: another organisation's lookup may find its own pack, never the owner's.
    findTextPack: reads(async (q, org, o) => {
      const pack = await measures.findTextPack(q, org, 'epds');
      return pack?.organisationId === o.organisationId ? pack : undefined;
    }),
    listTextPacks: reads((q, org) => measures.listTextPacks(q, org)),
    upsertTextPack: async (q, caller, owner) => {
      const before = await measures.findTextPack(q, owner.organisationId, 'epds');
      expect(before).toBeDefined();
      await measures.upsertTextPack(q, {
        organisationId: caller.organisationId,
        instrumentId: 'epds',
        packJson: '{"changed":true}',
        importedBy: caller.userId,
        importedAt: at(),
      });
      expect(await measures.findTextPack(q, owner.organisationId, 'epds')).toEqual(before);
    },
    listAdministrationFacts: reads((q, org, o) => measures.listAdministrationFacts(q, org, [o.courseId])),
    countOpenRiskFlags: reads((q, org, o) => measures.countOpenRiskFlags(q, org, [o.patientId])),
  },
  invitationsRepository: {
    insertInvitation: insert,
    findInvitation: byToken,
    spendInvitation: byToken,
  },
  outboxRepository: {
    insertEmail: insert,
    listDueEmails: outboxSender,
    claimEmail: outboxSender,
    markEmailSent: outboxSender,
    markEmailNotSent: outboxSender,
  },
  organisationsRepository: {
    insertOrganisation: {
      exempt: 'Creates a tenant: there is no organisation to filter by yet.',
    },
    findOrganisationByName: {
      exempt: '`ipt user add --organisation NAME`: finds the tenant by its name, before any organisation is known.',
    },
    listOrganisationDemoFlags: {
      exempt: 'At start: whether the database is empty, the demo or a real clinic’s; reads only the demo flags.',
    },
    insertSupervisionLink: insert,
    findOrganisationMfaRequired: {
      exempt:
        'Reads the sign-in policy of the organisation it is given, the caller’s own (the session’s): it names no other record.',
    },
    setOrganisationMfaRequired: async (q, caller, owner) => {
      expect(await organisations.findOrganisationMfaRequired(q, owner.organisationId)).toBe(false);
      expect(changed(await organisations.setOrganisationMfaRequired(q, caller.organisationId, true))).toBe(1);
      expect(await organisations.findOrganisationMfaRequired(q, owner.organisationId)).toBe(false);
      await organisations.setOrganisationMfaRequired(q, caller.organisationId, false);
    },
  },
  mfaRepository: {
    findUserMfa: reads((q, org, o) => mfa.findUserMfa(q, org, o.userId)),
    startUserMfa: async (q, caller, owner) => {
      await pendingMfa(q, owner);
      const before = await mfa.findUserMfa(q, owner.organisationId, owner.userId);
      const cross = { userId: owner.userId, organisationId: caller.organisationId, createdAt: at() };
      expect(await mfa.startUserMfa(q, { ...cross, secretSealed: 'v1.caller' })).toBe(false);
      expect(await mfa.findUserMfa(q, owner.organisationId, owner.userId)).toEqual(before);
      expect(await mfa.confirmUserMfa(q, owner.organisationId, owner.userId, 1, at())).toBe(true);
    },
    confirmUserMfa: async (q, caller, owner) => {
      await pendingMfa(q, owner);
      expect(await mfa.confirmUserMfa(q, caller.organisationId, owner.userId, 1, at())).toBe(false);
      expect((await mfa.findUserMfa(q, owner.organisationId, owner.userId))?.confirmedAt).toBeNull();
      expect(await mfa.confirmUserMfa(q, owner.organisationId, owner.userId, 1, at())).toBe(true);
    },
    useTotpStep: async (q, caller, owner) => {
      const before = await mfa.findUserMfa(q, owner.organisationId, owner.userId);
      const step = (before?.lastStep ?? 0) + 1;
      expect(await mfa.useTotpStep(q, caller.organisationId, owner.userId, step, at())).toBe(false);
      expect(await mfa.findUserMfa(q, owner.organisationId, owner.userId)).toEqual(before);
      expect(await mfa.useTotpStep(q, owner.organisationId, owner.userId, step, at())).toBe(true);
    },
    deleteUserMfa: async (q, caller, owner) => {
      expect(changed(await mfa.deleteUserMfa(q, caller.organisationId, owner.userId))).toBe(0);
      expect(await mfa.findUserMfa(q, owner.organisationId, owner.userId)).toBeDefined();
    },
    insertRecoveryCodes: insert,
    deleteRecoveryCodes: async (q, caller, owner) => {
      const left = await mfa.countRecoveryCodesLeft(q, owner.organisationId, owner.userId);
      expect(left).toBeGreaterThan(0);
      expect(changed(await mfa.deleteRecoveryCodes(q, caller.organisationId, owner.userId))).toBe(0);
      expect(await mfa.countRecoveryCodesLeft(q, owner.organisationId, owner.userId)).toBe(left);
    },
    useRecoveryCode: async (q, caller, owner) => {
      const codeHash = randomUUID();
      await recoveryCode(q, owner, codeHash);
      expect(await mfa.useRecoveryCode(q, caller.organisationId, owner.userId, codeHash, at())).toBeUndefined();
      expect(await mfa.useRecoveryCode(q, owner.organisationId, owner.userId, codeHash, at())).toBeDefined();
    },
    countRecoveryCodesLeft: async (q, caller, owner) => {
      expect(await mfa.countRecoveryCodesLeft(q, owner.organisationId, owner.userId)).toBeGreaterThan(0);
      expect(await mfa.countRecoveryCodesLeft(q, caller.organisationId, owner.userId)).toBe(0);
    },
  },
  patientsRepository: {
    toPatient: mapper,
    insertPatient: insert,
    addCareTeamMember: insert,
    findReachablePatient: readsAs((q, actor, o) => patients.findReachablePatient(q, actor, o.patientId, 'read')),
    findPatientInOrganisation: reads((q, org, o) => patients.findPatientInOrganisation(q, org, o.patientId)),
    listReachablePatients: readsAs((q, actor) => patients.listReachablePatients(q, actor)),
    listOrganisationPatients: reads((q, org) => patients.listOrganisationPatients(q, org)),
    listCareTeam: reads((q, org, o) => patients.listCareTeam(q, org, o.patientId)),
    removeCareTeamMember: async (q, caller, owner) => {
      const team = async () =>
        (await patients.listCareTeam(q, owner.organisationId, owner.patientId)).map((m) => m.userId);
      expect(await team()).toContain(owner.userId);
      const res = await patients.removeCareTeamMember(q, caller.organisationId, owner.patientId, owner.userId);
      expect(changed(res)).toBe(0);
      expect(await team()).toContain(owner.userId);
    },
  },
  throttlesRepository: {
    ensureThrottles: throttle,
    findThrottles: throttle,
    countFailure: throttle,
    clearThrottle: throttle,
    refundFailure: throttle,
    pruneThrottles: throttle,
  },
  revisionsRepository: {
    insertRevision: insert,
    listRevisions: reads((q, org, o) => revisions.listRevisions(q, org, 'Patient', o.patientId)),
    listSessionRevisions: reads((q, org, o) => revisions.listSessionRevisions(q, org, o.sessionId)),
  },
  tx: {},
  usersRepository: {
    toUser: mapper,
    insertUser: insert,
    findUserByEmail: {
      exempt: 'Sign-in: the email is all that is known; emails are unique across organisations.',
    },
    findMe: reads((q, org, o) => users.findMe(q, org, o.userId)),
    findUserCredentials: reads((q, org, o) => users.findUserCredentials(q, org, o.userId)),
    listUsers: reads((q, org) => users.listUsers(q, org)),
    findUserInOrganisation: reads((q, org, o) => users.findUserInOrganisation(q, org, o.userId)),
    setPasswordHash: async (q, caller, owner) => {
      const before = await users.findUserCredentials(q, owner.organisationId, owner.userId);
      if (!before) throw new Error('the owner has no user');
      const res = await users.setPasswordHash(q, caller.organisationId, owner.userId, 'not-a-hash', at());
      expect(changed(res)).toBe(0);
      expect(await users.findUserCredentials(q, owner.organisationId, owner.userId)).toEqual(before);
      const same = await users.setPasswordHash(q, owner.organisationId, owner.userId, before.passwordHash, at());
      expect(changed(same)).toBe(1);
    },
  },
  jsonColumns: {
    readAnswers: { exempt: 'Parses a JSON column of a row already read; runs no query.' },
    readFlags: { exempt: 'Parses a JSON column of a row already read; runs no query.' },
    readScheduleRules: { exempt: 'Parses a JSON column of a row already read; runs no query.' },
    readTextPack: { exempt: 'Parses a JSON column of a row already read; runs no query.' },
    readRiskAssessment: { exempt: 'Parses a JSON column of a row already read; runs no query.' },
    readSafetyPlan: { exempt: 'Parses a JSON column of a row already read; runs no query.' },
    readFlagIds: { exempt: 'Parses a JSON column of a row already read; runs no query.' },
  },
  versioned: {
    updateIfVersion: async (q, caller, owner) => {
      const o = owner.organisationId;
      const patient = await patients.findPatientInOrganisation(q, o, owner.patientId);
      const course = await courses.findCourse(q, o, owner.courseId);
      const session = await courses.findSession(q, o, owner.sessionId);
      const record = await courseRecords.findCourseRecord(q, o, owner.courseRecordId);
      if (!patient || !course || !session || !record) throw new Error('the owner’s records are missing');
      // Each record, updated with the caller's organisation, stays as it was; with the owner's, the same update
      // (to the values it already has) goes through: the version named was the current one.
      const attempts = [
        {
          update: (org: string) =>
            versioned.updateIfVersion(
              q,
              'patients',
              { organisationId: org, id: patient.id, version: patient.version },
              { displayName: 'Changed' },
              at(),
            ),
          reread: () => patients.findPatientInOrganisation(q, o, owner.patientId),
          before: patient,
          restore: () =>
            versioned.updateIfVersion(
              q,
              'patients',
              { organisationId: o, id: patient.id, version: patient.version },
              { displayName: patient.displayName },
              at(),
            ),
        },
        {
          update: (org: string) =>
            versioned.updateIfVersion(
              q,
              'courses',
              { organisationId: org, id: course.id, version: course.version },
              { scheduleTime: '23:59' },
              at(),
            ),
          reread: () => courses.findCourse(q, o, owner.courseId),
          before: course,
          restore: () =>
            versioned.updateIfVersion(
              q,
              'courses',
              { organisationId: o, id: course.id, version: course.version },
              { scheduleTime: course.scheduleTime },
              at(),
            ),
        },
        {
          update: (org: string) =>
            versioned.updateIfVersion(
              q,
              'sessions',
              { organisationId: org, id: session.id, version: session.version },
              { note: 'Changed' },
              at(),
            ),
          reread: () => courses.findSession(q, o, owner.sessionId),
          before: session,
          restore: () =>
            versioned.updateIfVersion(
              q,
              'sessions',
              { organisationId: o, id: session.id, version: session.version },
              { note: session.note },
              at(),
            ),
        },
        {
          update: (org: string) =>
            versioned.updateIfVersion(
              q,
              'courseRecords',
              { organisationId: org, id: record.id, version: record.version },
              { deletedAt: at() },
              at(),
            ),
          reread: () => courseRecords.findCourseRecord(q, o, owner.courseRecordId),
          before: record,
          restore: () =>
            versioned.updateIfVersion(
              q,
              'courseRecords',
              { organisationId: o, id: record.id, version: record.version },
              { deletedAt: null },
              at(),
            ),
        },
      ];
      for (const a of attempts) {
        expect(await a.update(caller.organisationId)).toBe(false);
        expect(await a.reread()).toEqual(a.before);
        expect(await a.restore()).toBe(true);
      }
    },
  },
};

function riskFlag(t: Tenant, id: string) {
  return {
    id,
    organisationId: t.organisationId,
    patientId: t.patientId,
    courseId: t.courseId,
    administrationId: t.administrationId,
    instrumentId: 'phq-9',
    item: 'phq9-9',
    code: 'self-harm-thoughts',
    label: 'Thoughts of self-harm (tenancy test)',
    answerLabel: 'Several days',
    weight: 1,
    raisedAt: at(),
    reviewId: null,
  };
}

async function ownerRecord(q: Q, t: Tenant) {
  const row = await courseRecords.findCourseRecord(q, t.organisationId, t.courseRecordId);
  if (!row) throw new Error('the owner’s course record is missing');
  return row;
}

/** The owner's authenticator app, made again as being set up (not confirmed). */
async function pendingMfa(q: Q, t: Tenant) {
  await mfa.deleteUserMfa(q, t.organisationId, t.userId);
  const row = { userId: t.userId, organisationId: t.organisationId, secretSealed: 'v1.owner', createdAt: at() };
  expect(await mfa.startUserMfa(q, row)).toBe(true);
}

/** An unused recovery code of the tenant's clinician. */
function recoveryCode(q: Q, t: Tenant, codeHash: string) {
  return mfa.insertRecoveryCodes(q, [
    { id: randomUUID(), userId: t.userId, organisationId: t.organisationId, codeHash, usedAt: null, createdAt: at() },
  ]);
}

const camel = (file: string) => file.replace(/\.ts$/, '').replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

describe('the tenancy cases', () => {
  it('cover every repository file', () => {
    const dir = new URL('../db/repositories/', import.meta.url);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
    expect(files.length).toBeGreaterThan(5);
    expect(files.map(camel).filter((m) => !(m in repositories))).toEqual([]);
  });

  it('cover every exported repository function, and only those', () => {
    const exported = Object.entries(repositories).flatMap(([m, mod]) =>
      Object.entries(mod)
        .filter(([, v]) => typeof v === 'function')
        .map(([f]) => `${m}.${f}`),
    );
    const covered = Object.entries(cases).flatMap(([m, fns]) => Object.keys(fns).map((f) => `${m}.${f}`));
    expect(
      exported.filter((f) => !covered.includes(f)),
      'exported functions without a tenancy case',
    ).toEqual([]);
    expect(
      covered.filter((f) => !exported.includes(f)),
      'cases for functions that do not exist',
    ).toEqual([]);
    for (const fns of Object.values(cases)) {
      for (const entry of Object.values(fns)) {
        if (typeof entry !== 'function') expect(entry.exempt.length).toBeGreaterThan(20);
      }
    }
  });
});

const targets = await dbTargets();

describe.each(targets)('every repository function on $name keeps to its organisation', (target) => {
  let server: TestServer;
  let q: Q;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    server = await startTestServer(target);
    const world = await buildWorld(server);
    q = server.direct();
    const tenant = async (
      clinician: { id: string; email: string },
      r: { patientId: string; courseId: string; sessionId: string; administrationId: string; inventoryEntryId: string },
    ): Promise<Tenant> => {
      const user = await users.findUserByEmail(q, clinician.email);
      if (!user) throw new Error(`no user ${clinician.email}`);
      const organisationId = user.organisationId;
      const record = await courseRecords.findCourseRecord(q, organisationId, r.inventoryEntryId);
      if (!record) throw new Error('the world has no inventory entry');
      const base = {
        organisationId,
        userId: clinician.id,
        patientId: r.patientId,
        courseId: r.courseId,
        sessionId: r.sessionId,
        administrationId: r.administrationId,
        courseRecordId: record.id,
        courseRecordSlot: record.slot,
      };
      // What the world does not make: one of each remaining record kind, so every read has something to find.
      const t: Tenant = {
        ...base,
        riskFlagId: randomUUID(),
        safetyReviewId: randomUUID(),
        authSessionHash: randomUUID(),
      };
      await courses.insertPhaseTransition(q, {
        id: randomUUID(),
        organisationId,
        courseId: t.courseId,
        fromPhase: 'initial',
        toPhase: 'middle',
        reason: 'Tenancy test',
        at: at(),
        byUserId: t.userId,
      });
      await measures.insertRiskFlags(q, [riskFlag(t, t.riskFlagId)]);
      await measures.insertSafetyReview(q, {
        id: t.safetyReviewId,
        organisationId,
        patientId: t.patientId,
        riskLevel: 'low',
        asked: 'yes',
        assessmentJson: '{}',
        safetyPlanJson: '{}',
        reviewBy: '2026-02-01',
        createdBy: t.userId,
        createdAt: at(),
      });
      await measures.insertRiskOverride(q, {
        id: randomUUID(),
        organisationId,
        patientId: t.patientId,
        courseId: t.courseId,
        step: 'finish-session-work',
        sessionId: t.sessionId,
        flagIdsJson: json([t.riskFlagId]),
        reason: 'Tenancy test',
        createdBy: t.userId,
        createdAt: at(),
      });
      await measures.insertAnnotation(q, {
        id: randomUUID(),
        organisationId,
        courseId: t.courseId,
        date: '2026-01-05',
        label: 'Tenancy test',
        kind: 'note',
        createdBy: t.userId,
        createdAt: at(),
      });
      await measures.upsertTextPack(q, {
        organisationId,
        instrumentId: 'epds',
        packJson: json({ organisationId }),
        importedBy: t.userId,
        importedAt: at(),
      });
      if (!(await measures.findSchedule(q, organisationId, t.courseId))) {
        await measures.insertSchedule(q, {
          courseId: t.courseId,
          organisationId,
          rulesJson: '[]',
          version: 1,
          updatedAt: at(),
        });
      }
      await revisions.insertRevision(q, {
        organisationId,
        recordType: 'Patient',
        recordId: t.patientId,
        version: 1,
        data: {},
        at: at(),
        by: t.userId,
      });
      await revisions.insertRevision(q, {
        organisationId,
        recordType: record.record.kind,
        recordId: record.id,
        version: record.version,
        data: record.record.data,
        at: at(),
        by: t.userId,
      });
      const session = await courses.findSession(q, organisationId, t.sessionId);
      if (!session) throw new Error('the world has no session');
      await revisions.insertRevision(q, {
        organisationId,
        recordType: 'Session',
        recordId: session.id,
        version: session.version,
        data: courses.toSession(session),
        at: at(),
        by: t.userId,
      });
      await authSessions.insertAuthSession(q, {
        idHash: t.authSessionHash,
        userId: t.userId,
        organisationId,
        createdAt: at(),
        lastSeenAt: at(),
        endedAt: null,
        kioskLinkHash: null,
        mfaStage: null,
      });
      // The clinician's authenticator app (confirmed) and a recovery code, for the two-step sign-in's functions.
      await pendingMfa(q, t);
      await mfa.confirmUserMfa(q, organisationId, t.userId, 1, at());
      await recoveryCode(q, t, randomUUID());
      return t;
    };
    a = await tenant(world.users.clinician, world.own);
    b = await tenant(world.users.foreignClinician, world.otherOrganisation);
  });
  afterAll(() => server?.drop());

  const runnable = Object.entries(cases).flatMap(([m, fns]) =>
    Object.entries(fns).flatMap(([f, entry]) =>
      typeof entry === 'function' ? [{ name: `${m}.${f}`, run: entry }] : [],
    ),
  );

  it('has two organisations with their own records', () => {
    expect(a.organisationId).not.toBe(b.organisationId);
  });

  for (const { name, run } of runnable) {
    it(`${name}: finds and changes nothing of another organisation`, async () => {
      await run(q, b, a);
      await run(q, a, b);
    });
  }
});

/**
 * Every repository module, by name: the tenancy test (`it/tenancy.int.test.ts`) walks their exports and fails when a
 * function has no cross-organisation case. A new repository file belongs here too (that test checks it).
 */
export * as accessRepository from './access-repository.js';
export * as auditRepository from './audit-repository.js';
export * as authSessionsRepository from './auth-sessions-repository.js';
export * as courseRecordsRepository from './course-records-repository.js';
export * as coursesRepository from './courses-repository.js';
export * as invitationsRepository from './invitations-repository.js';
export * as jsonColumns from './json-columns.js';
export * as measuresRepository from './measures-repository.js';
export * as mfaRepository from './mfa-repository.js';
export * as organisationsRepository from './organisations-repository.js';
export * as outboxRepository from './outbox-repository.js';
export * as patientsRepository from './patients-repository.js';
export * as revisionsRepository from './revisions-repository.js';
export * as throttlesRepository from './throttles-repository.js';
export * as tx from './tx.js';
export * as usersRepository from './users-repository.js';
export * as versioned from './versioned.js';

import type {
  AdministrationTable,
  AnnotationTable,
  MeasureLinkTable,
  MeasureScheduleTable,
  RiskFlagTable,
  RiskOverrideTable,
  SafetyReviewTable,
} from '../schema.js';
import { prepared } from '../prepared.js';
import type { Q } from './tx.js';

export function insertAdministration(q: Q, row: AdministrationTable) {
  return q.insertInto('administrations').values(row).execute();
}

export function listAdministrations(q: Q, organisationId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return (
    q
      .selectFrom('administrations')
      .selectAll()
      .where('organisationId', '=', organisationId)
      .where('courseId', 'in', courseIds)
      // In the order the patient answered; a paper form entered later takes its place by the day it was answered.
      .orderBy('answeredAt')
      .orderBy('administeredAt')
      .execute()
  );
}

export function findAdministration(q: Q, organisationId: string, id: string) {
  return q
    .selectFrom('administrations')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertRiskFlags(q: Q, rows: RiskFlagTable[]) {
  if (rows.length === 0) return Promise.resolve();
  return q.insertInto('riskFlags').values(rows).execute();
}

export async function listRiskFlags(q: Q, organisationId: string, patientIds: readonly string[], openOnly: boolean) {
  if (patientIds.length === 0) return [];
  return (openOnly ? openRiskFlags : allRiskFlags)(q, { organisationId, patientIds });
}

const riskFlags = (openOnly: boolean) =>
  prepared((q, v: { organisationId: string; patientIds: readonly string[] }) => {
    const query = q
      .selectFrom('riskFlags')
      .selectAll()
      .where('organisationId', '=', v.organisationId)
      .where('patientId', 'in', v.patientIds);
    return (openOnly ? query.where('reviewId', 'is', null) : query).orderBy('raisedAt');
  });
const openRiskFlags = riskFlags(true);
const allRiskFlags = riskFlags(false);

/** Closes open flags of the patient with the review; returns how many it closed. */
export async function closeRiskFlags(
  q: Q,
  organisationId: string,
  patientId: string,
  flagIds: readonly string[],
  reviewId: string,
) {
  const res = await q
    .updateTable('riskFlags')
    .set({ reviewId })
    .where('organisationId', '=', organisationId)
    .where('patientId', '=', patientId)
    .where('id', 'in', flagIds)
    .where('reviewId', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function insertSafetyReview(q: Q, row: SafetyReviewTable) {
  return q.insertInto('safetyReviews').values(row).execute();
}

export function listSafetyReviews(q: Q, organisationId: string, patientId: string) {
  return q
    .selectFrom('safetyReviews')
    .innerJoin('users', 'users.id', 'safetyReviews.createdBy')
    .selectAll('safetyReviews')
    .select('users.displayName as byName')
    .where('safetyReviews.organisationId', '=', organisationId)
    .where('safetyReviews.patientId', '=', patientId)
    .orderBy('safetyReviews.createdAt', 'desc')
    .execute();
}

export function insertRiskOverride(q: Q, row: RiskOverrideTable) {
  return q.insertInto('riskOverrides').values(row).execute();
}

export function listRiskOverrides(q: Q, organisationId: string, patientId: string) {
  return q
    .selectFrom('riskOverrides')
    .innerJoin('users', 'users.id', 'riskOverrides.createdBy')
    .selectAll('riskOverrides')
    .select('users.displayName as byName')
    .where('riskOverrides.organisationId', '=', organisationId)
    .where('riskOverrides.patientId', '=', patientId)
    .orderBy('riskOverrides.createdAt', 'desc')
    .execute();
}

export function insertMeasureLink(q: Q, row: MeasureLinkTable) {
  return q.insertInto('measureLinks').values(row).execute();
}

export function findMeasureLink(q: Q, idHash: string) {
  return q.selectFrom('measureLinks').selectAll().where('idHash', '=', idHash).executeTakeFirst();
}

/** Marks the link used, only if it still was unused: two submissions race, one wins. */
export async function useMeasureLink(q: Q, idHash: string, at: string, administrationId: string) {
  const res = await q
    .updateTable('measureLinks')
    .set({ usedAt: at, administrationId })
    .where('idHash', '=', idHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function findSchedule(q: Q, organisationId: string, courseId: string) {
  return q
    .selectFrom('measureSchedules')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('courseId', '=', courseId)
    .executeTakeFirst();
}

export function listSchedules(q: Q, organisationId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('measureSchedules')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('courseId', 'in', courseIds)
    .execute();
}

export function insertSchedule(q: Q, row: MeasureScheduleTable) {
  return q.insertInto('measureSchedules').values(row).execute();
}

export async function updateScheduleIfVersion(q: Q, row: MeasureScheduleTable, version: number) {
  const res = await q
    .updateTable('measureSchedules')
    .set({ rulesJson: row.rulesJson, version: version + 1, updatedAt: row.updatedAt })
    .where('courseId', '=', row.courseId)
    .where('organisationId', '=', row.organisationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function insertAnnotation(q: Q, row: AnnotationTable) {
  return q.insertInto('annotations').values(row).execute();
}

export function listAnnotations(q: Q, organisationId: string, courseId: string) {
  return q
    .selectFrom('annotations')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('courseId', '=', courseId)
    .orderBy('date')
    .execute();
}

export function findTextPack(q: Q, organisationId: string, instrumentId: string) {
  return q
    .selectFrom('instrumentTextPacks')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('instrumentId', '=', instrumentId)
    .executeTakeFirst();
}

export function listTextPacks(q: Q, organisationId: string) {
  return q.selectFrom('instrumentTextPacks').selectAll().where('organisationId', '=', organisationId).execute();
}

export async function upsertTextPack(
  q: Q,
  row: { organisationId: string; instrumentId: string; packJson: string; importedBy: string; importedAt: string },
) {
  await q
    .insertInto('instrumentTextPacks')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['organisationId', 'instrumentId']).doUpdateSet({
        packJson: row.packJson,
        importedBy: row.importedBy,
        importedAt: row.importedAt,
      }),
    )
    .execute();
}

/** What schedules need of each administration, without answers. */
export function listAdministrationFacts(q: Q, organisationId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('administrations')
    .select(['courseId', 'instrumentId', 'sessionId', 'administeredAt', 'answeredAt'])
    .where('organisationId', '=', organisationId)
    .where('courseId', 'in', courseIds)
    .execute();
}

export function countOpenRiskFlags(q: Q, organisationId: string, patientIds: readonly string[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('riskFlags')
    .select((eb) => ['patientId', eb.fn.countAll<number>().as('n')])
    .where('organisationId', '=', organisationId)
    .where('patientId', 'in', patientIds)
    .where('reviewId', 'is', null)
    .groupBy('patientId')
    .execute();
}

/**
 * Who can reach which patient. Clinicians (and trainees, facilitators) reach the patients whose care team they are
 * on; supervisors also reach, read-only, the patients of the clinicians they supervise (shared/DESIGN.md
 * "Security model"). Every query carries the organisation.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../schema.js';
import type { Q } from './tx.js';

export type Reach = 'read' | 'write';

/** A where-clause on `patients`: the actor can reach this patient for `reach`. */
export function canReach(actor: Actor, reach: Reach) {
  return (eb: ExpressionBuilder<Database, 'patients'>) =>
    eb.and([
      eb('patients.organisationId', '=', actor.organisationId),
      eb('patients.deletedAt', 'is', null),
      eb.exists(
        eb
          .selectFrom('careTeamMembers as ct')
          .select('ct.userId')
          .whereRef('ct.patientId', '=', 'patients.id')
          .where((inner) =>
            reach === 'write'
              ? inner('ct.userId', '=', actor.userId)
              : inner.or([
                  inner('ct.userId', '=', actor.userId),
                  inner(
                    'ct.userId',
                    'in',
                    inner
                      .selectFrom('supervisionLinks as sl')
                      .select('sl.superviseeId')
                      .where('sl.supervisorId', '=', actor.userId)
                      .where('sl.organisationId', '=', actor.organisationId),
                  ),
                ]),
          ),
      ),
    ]);
}

/** The patient id behind a course, if the actor can reach that patient. */
export async function reachableCoursePatient(q: Q, actor: Actor, courseId: string, reach: Reach) {
  const row = await q
    .selectFrom('courses')
    .innerJoin('patients', 'patients.id', 'courses.patientId')
    .select(['patients.id as patientId'])
    .where('courses.id', '=', courseId)
    .where('courses.organisationId', '=', actor.organisationId)
    .where(canReach(actor, reach))
    .executeTakeFirst();
  return row?.patientId;
}

/** The course and patient behind a session, if the actor can reach that patient. */
export async function reachableSessionOwner(q: Q, actor: Actor, sessionId: string, reach: Reach) {
  return q
    .selectFrom('sessions')
    .innerJoin('courses', 'courses.id', 'sessions.courseId')
    .innerJoin('patients', 'patients.id', 'courses.patientId')
    .select(['patients.id as patientId', 'courses.id as courseId'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.organisationId', '=', actor.organisationId)
    .where(canReach(actor, reach))
    .executeTakeFirst();
}

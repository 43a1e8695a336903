/**
 * Who can reach which patient. Clinicians (and trainees, facilitators) reach the patients whose care team they are
 * on; supervisors also reach, read-only, the patients of the clinicians they supervise (shared/DESIGN.md
 * "Security model"). Every query carries the organisation.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { prepared } from '../prepared.js';
import type { Database } from '../schema.js';
import type { Q } from './tx.js';

export type Reach = 'read' | 'write';

/** A where-clause on `patients`: the actor can reach this patient for `reach`. */
export function canReach(actor: Pick<Actor, 'organisationId' | 'userId'>, reach: Reach) {
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
  const [row] = await coursePatient[reach](q, { organisationId: actor.organisationId, userId: actor.userId, courseId });
  return row?.patientId;
}

const coursePatientAs = (reach: Reach) =>
  prepared((q, v: { organisationId: string; userId: string; courseId: string }) =>
    q
      .selectFrom('courses')
      .innerJoin('patients', 'patients.id', 'courses.patientId')
      .select(['patients.id as patientId'])
      .where('courses.id', '=', v.courseId)
      .where('courses.organisationId', '=', v.organisationId)
      .where(canReach(v, reach)),
  );
const coursePatient = { read: coursePatientAs('read'), write: coursePatientAs('write') };

/** The course and patient behind a session, if the actor can reach that patient. */
export async function reachableSessionOwner(q: Q, actor: Actor, sessionId: string, reach: Reach) {
  const [row] = await sessionOwner[reach](q, { organisationId: actor.organisationId, userId: actor.userId, sessionId });
  return row;
}

const sessionOwnerAs = (reach: Reach) =>
  prepared((q, v: { organisationId: string; userId: string; sessionId: string }) =>
    q
      .selectFrom('sessions')
      .innerJoin('courses', 'courses.id', 'sessions.courseId')
      .innerJoin('patients', 'patients.id', 'courses.patientId')
      .select(['patients.id as patientId', 'courses.id as courseId'])
      .where('sessions.id', '=', v.sessionId)
      .where('sessions.organisationId', '=', v.organisationId)
      .where(canReach(v, reach)),
  );
const sessionOwner = { read: sessionOwnerAs('read'), write: sessionOwnerAs('write') };

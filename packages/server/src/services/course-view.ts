import type { CourseDetail, PhaseTransition } from '@ipt/contract';
import { courseProgress } from '@ipt/core';
import { toCourse, toSession } from '../db/repositories/courses-repository.js';
import type { CourseTable, SessionTable } from '../db/schema.js';

/** A course as the patient page shows it: the record, its sessions, its phase history and where it stands. */
export function courseDetail(
  row: CourseTable,
  sessionRows: readonly SessionTable[],
  transitions: readonly PhaseTransition[],
  today: string,
): CourseDetail {
  const course = toCourse(row);
  const sessions = sessionRows.filter((s) => s.courseId === row.id).map(toSession);
  return {
    course,
    sessions,
    transitions: transitions.filter((t) => t.courseId === row.id),
    progress: courseProgress(course, sessions, today),
  };
}

import type { CourseDetail } from '@ipt/contract';

/** The course shown: the active one, else the most recently started. */
export function currentCourse(courses: readonly CourseDetail[]): CourseDetail | undefined {
  const latestFirst = [...courses].sort((a, b) => b.course.startDate.localeCompare(a.course.startDate));
  return latestFirst.find((c) => c.course.status === 'active') ?? latestFirst[0];
}

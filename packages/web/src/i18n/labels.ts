/** Words for the values of core's unions: a phase, a flag or an attendance is never shown by colour alone. */
import type { Attendance, CourseFlag, CourseStatus, Phase, Role, SchoolPreset } from '@ipt/core';
import { t } from './t.js';

export const phaseLabel = (phase: Phase) => t(`phase.${phase}`);
export const flagLabel = (flag: CourseFlag) => t(`flag.${flag}`);
export const attendanceLabel = (attendance: Attendance) => t(`attendance.${attendance}`);
export const statusLabel = (status: CourseStatus) => t(`status.${status}`);
export const presetLabel = (preset: SchoolPreset) => t(`preset.${preset}`);
export const roleLabel = (role: Role) => t(`role.${role}`);

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdayOptions = weekdays.map((d) => ({ value: String(d), label: t(`weekday.${d}`) }));
export const weekdayLabel = (weekday: number) =>
  weekdays.includes(weekday as Weekday) ? t(`weekday.${weekday as Weekday}`) : String(weekday);

/** A symbol for each attendance, so the phase strip tells them apart without colour. */
export const attendanceSymbol = (attendance: Attendance) => t(`attendanceMark.${attendance}`);

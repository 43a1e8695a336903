import {
  Attendance,
  CourseFlag,
  CourseFormat,
  CourseStatus,
  Phase,
  PlannedSessions,
  SchoolPreset,
  SessionLength,
} from '@ipt/core';
import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, Version } from './common.js';
import { MeasureDue, RiskFlag } from './measures.js';
import { CareTeamMember } from './people.js';

const values = <T extends Record<string, string>>(o: T) => Object.values(o) as [T[keyof T], ...T[keyof T][]];

export const PhaseSchema = z.enum(values(Phase));
export const SchoolPresetSchema = z.enum(values(SchoolPreset));
export const AttendanceSchema = z.enum(values(Attendance));
export const CourseStatusSchema = z.enum(values(CourseStatus));
export const CourseFormatSchema = z.enum(values(CourseFormat));
export const CourseFlagSchema = z.enum(values(CourseFlag));

// ---------- patients ----------

const Contact = z.strictObject({
  email: z.email({ error: 'Must be an email address.' }).max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ()-]{5,32}$/, 'Must be a phone number.')
    .optional(),
});

const patientFields = {
  displayName: z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.'),
  yearOfBirth: z.number().int('Must be a whole year.').min(1900, 'Must be 1900 or later.').max(2100),
  pronouns: z.string().trim().max(40).nullable().optional(),
  contact: Contact.nullable().optional(),
};

export const Patient = z
  .object({
    id: Id,
    displayName: z.string(),
    yearOfBirth: z.number().int(),
    pronouns: z.string().nullable(),
    contact: z.object({ email: z.string().optional(), phone: z.string().optional() }).nullable(),
    version: Version,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Patient' });
export type Patient = z.infer<typeof Patient>;

export const CreatePatientRequest = z.strictObject(patientFields).meta({ id: 'CreatePatientRequest' });
export type CreatePatientRequest = z.infer<typeof CreatePatientRequest>;
export const UpdatePatientRequest = z
  .strictObject(patientFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.')
  .meta({ id: 'UpdatePatientRequest' });

// ---------- courses ----------

const Schedule = z.strictObject({
  weekday: z.number().int().min(1, 'Use 1 (Monday) to 7 (Sunday).').max(7, 'Use 1 (Monday) to 7 (Sunday).'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a time as HH:MM.'),
});

const PhaseLengths = z.strictObject({
  initialSessions: z.number().int().min(1).max(12),
  terminationSessions: z.number().int().min(1).max(12),
});

export const Course = z
  .object({
    id: Id,
    patientId: Id,
    format: CourseFormatSchema,
    schoolPreset: SchoolPresetSchema,
    /** Perinatal course: EPDS replaces PHQ-9 in the default measure schedule (issue "Measurement-based care"). */
    perinatal: z.boolean(),
    plannedSessions: z.number().int(),
    phaseLengths: z.object({ initialSessions: z.number().int(), terminationSessions: z.number().int() }),
    schedule: z.object({ weekday: z.number().int(), time: z.string() }),
    startDate: IsoDate,
    phase: PhaseSchema,
    status: CourseStatusSchema,
    version: Version,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Course' });
export type Course = z.infer<typeof Course>;

export const CreateCourseRequest = z
  .strictObject({
    format: CourseFormatSchema.default('individual'),
    schoolPreset: SchoolPresetSchema,
    perinatal: z.boolean().default(false),
    plannedSessions: z
      .number()
      .int('Must be a whole number.')
      .min(PlannedSessions.min, `Use at least ${PlannedSessions.min} sessions.`)
      .max(PlannedSessions.max, `Use at most ${PlannedSessions.max} sessions.`)
      .default(PlannedSessions.default),
    phaseLengths: PhaseLengths.optional(),
    schedule: Schedule,
    startDate: IsoDate,
  })
  .meta({ id: 'CreateCourseRequest' });
export type CreateCourseRequest = z.input<typeof CreateCourseRequest>;

export const UpdateCourseRequest = z
  .strictObject({
    plannedSessions: z.number().int().min(PlannedSessions.min).max(PlannedSessions.max),
    phaseLengths: PhaseLengths,
    schedule: Schedule,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.')
  .meta({ id: 'UpdateCourseRequest' });

export const PhaseTransition = z
  .object({
    id: Id,
    courseId: Id,
    from: PhaseSchema,
    to: PhaseSchema,
    reason: z.string(),
    at: IsoDateTime,
    byUserId: Id,
    byName: z.string(),
  })
  .meta({ id: 'PhaseTransition' });
export type PhaseTransition = z.infer<typeof PhaseTransition>;

export const CreatePhaseTransitionRequest = z
  .strictObject({
    to: PhaseSchema,
    reason: z.string().trim().min(1, 'Say why the phase changes.').max(2000),
    /**
     * Leave the initial phase although its gate is not met (DOMAIN §1.2: "Allow an override with a documented
     * reason"); the reason above is the written override, and it is audited.
     */
    overrideGate: z.boolean().optional(),
    /**
     * Leave the initial phase although a risk flag is open (DOMAIN §10.2): the written reason is kept and audited,
     * and the flag stays open until a safety review.
     */
    riskOverrideReason: z
      .string()
      .trim()
      .min(1, 'Say why this step goes ahead with a risk flag open.')
      .max(2000)
      .optional(),
  })
  .meta({ id: 'CreatePhaseTransitionRequest' });

export const CourseProgress = z
  .object({
    attended: z.number().int(),
    lastNumber: z.number().int(),
    nextNumber: z.number().int(),
    expectedPhaseOfNext: PhaseSchema,
    nextDate: IsoDate.nullable(),
    flags: z.array(CourseFlagSchema).readonly(),
  })
  .meta({ id: 'CourseProgress' });

// ---------- sessions ----------

const noteField = z.string().max(20_000, 'Use at most 20,000 characters.');
const lengthField = z.number().int().min(SessionLength.min).max(SessionLength.max);

export const Session = z
  .object({
    id: Id,
    courseId: Id,
    number: z.number().int(),
    date: IsoDate,
    attendance: AttendanceSchema,
    lengthMinutes: z.number().int().nullable(),
    note: z.string(),
    phase: PhaseSchema,
    version: Version,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const CreateSessionRequest = z
  .strictObject({
    number: z.number().int().min(1, 'Must be 1 or more.').max(200).optional(),
    date: IsoDate,
    attendance: AttendanceSchema,
    lengthMinutes: lengthField.nullable().optional(),
    note: noteField.optional(),
  })
  .meta({ id: 'CreateSessionRequest' });
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;

export const UpdateSessionRequest = z
  .strictObject({
    date: IsoDate,
    attendance: AttendanceSchema,
    lengthMinutes: lengthField.nullable(),
    note: noteField,
    /** Needed once the session's work is finished: why the record changes (kept with the earlier version). */
    reason: z.string().trim().min(1, 'Say why a finished session changes.').max(2000),
  })
  .partial()
  .refine((v) => Object.keys(v).some((k) => k !== 'reason'), 'Send at least one field to change.')
  .meta({ id: 'UpdateSessionRequest' });

export const SessionRevision = z
  .object({
    version: Version,
    session: Session,
    changedAt: IsoDateTime,
    changedBy: z.string(),
    /** Why it was changed, when the change came after the session's work was finished. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'SessionRevision' });

// ---------- views ----------

export const CourseDetail = z
  .object({
    course: Course,
    sessions: z.array(Session),
    transitions: z.array(PhaseTransition),
    progress: CourseProgress,
  })
  .meta({ id: 'CourseDetail' });
export type CourseDetail = z.infer<typeof CourseDetail>;

export const PatientDetail = z
  .object({
    patient: Patient,
    courses: z.array(CourseDetail),
    careTeam: z.array(CareTeamMember),
    /** Open risk flags: never buried, shown in the patient header until a clinician records a safety review. */
    openRiskFlags: z.array(RiskFlag),
  })
  .meta({ id: 'PatientDetail' });
export type PatientDetail = z.infer<typeof PatientDetail>;

/**
 * The patient's own home page (issue 12, part 2): their name, and where their course of IPT stands in the words a
 * patient uses: the next session's number of the planned number, its date, how many are left. Nothing clinical.
 */
export const PatientHome = z
  .object({
    displayName: z.string(),
    course: z
      .object({
        phase: PhaseSchema,
        plannedSessions: z.number().int(),
        /** Sessions held so far (the highest session number recorded). */
        held: z.number().int(),
        /** The next session's number, and its date when the schedule gives one. */
        nextNumber: z.number().int(),
        nextDate: IsoDate.nullable(),
        /** Planned sessions still to come, the next included (0 once they are all held). */
        left: z.number().int(),
      })
      .nullable(),
  })
  .meta({ id: 'PatientHome' });
export type PatientHome = z.infer<typeof PatientHome>;

export const CaseloadItem = z
  .object({
    patient: z.object({ id: Id, displayName: z.string(), pronouns: z.string().nullable() }),
    course: z
      .object({
        id: Id,
        phase: PhaseSchema,
        status: CourseStatusSchema,
        plannedSessions: z.number().int(),
        progress: CourseProgress,
        measuresDue: z.array(MeasureDue),
      })
      .nullable(),
    openRiskFlags: z.number().int(),
  })
  .meta({ id: 'CaseloadItem' });
export type CaseloadItem = z.infer<typeof CaseloadItem>;

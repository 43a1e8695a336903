/** Table shapes as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns). */
import type { Generated } from 'kysely';

export interface OrganisationTable {
  id: string;
  name: string;
  isDemo: number;
  /** 1: the organisation's staff must sign in with a second step (migration 0009; docs/decisions/0019-mfa.md). */
  mfaRequired: number;
  createdAt: string;
}

export interface UserTable {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  role: string;
  passwordHash: string;
  active: number;
  patientId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AuthSessionTable {
  /** SHA-256 of the cookie token: a copy of the database does not hand out sessions. */
  idHash: string;
  userId: string;
  organisationId: string;
  createdAt: string;
  lastSeenAt: string;
  endedAt: string | null;
  /** Set while the device is handed to the patient (kiosk): every other call is refused until unlocked. */
  kioskLinkHash: string | null;
  /**
   * Null for a full session. `code` or `enrol`: the password was right and a second step is owed (a code, or setting
   * up an app); the session reaches only that step, for five minutes (docs/decisions/0019-mfa.md).
   */
  mfaStage: string | null;
}

/** A user's authenticator app (migration 0009): confirmed, or being set up. */
export interface UserMfaTable {
  userId: string;
  organisationId: string;
  /** The TOTP secret, sealed with AES-256-GCM under a key the database never holds. */
  secretSealed: string;
  confirmedAt: string | null;
  /** The time step of the last code accepted: a code of that step or earlier is never accepted again. */
  lastStep: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A single-use recovery code, as its SHA-256 (migration 0009). */
export interface MfaRecoveryCodeTable {
  id: string;
  userId: string;
  organisationId: string;
  codeHash: string;
  usedAt: string | null;
  createdAt: string;
}

/** A throttle's state (migration 0008; docs/decisions/0017-throttles.md). */
/** An email waiting to be sent, or sent (its body then erased): docs/decisions/0022-email-outbox.md. */
export interface EmailOutboxTable {
  id: string;
  organisationId: string;
  purpose: string;
  toAddress: string;
  subject: string;
  body: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  claimedUntil: string | null;
  sentAt: string | null;
  failedAt: string | null;
  lastError: string | null;
}

/** An invitation to a patient's account: single-use, expiring; its token is never stored, only its hash. */
export interface PatientInvitationTable {
  idHash: string;
  organisationId: string;
  patientId: string;
  email: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  userId: string | null;
}

export interface AuthThrottleTable {
  /** SHA-256 of the throttle's kind and subject (an email and an address, an email, an address, a user, a session). */
  key: string;
  kind: string;
  failures: number;
  writes: number;
  lastFailureAt: string | null;
  waitUntil: string | null;
  trustedUntil: string | null;
  updatedAt: string;
}

export interface SupervisionLinkTable {
  id: string;
  organisationId: string;
  supervisorId: string;
  superviseeId: string;
  createdAt: string;
}

export interface PatientTable {
  id: string;
  organisationId: string;
  displayName: string;
  yearOfBirth: number;
  pronouns: string | null;
  contactJson: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface CareTeamMemberTable {
  organisationId: string;
  patientId: string;
  userId: string;
  addedAt: string;
}

export interface CourseTable {
  id: string;
  organisationId: string;
  patientId: string;
  format: string;
  schoolPreset: string;
  plannedSessions: number;
  initialSessions: number;
  terminationSessions: number;
  scheduleWeekday: number;
  scheduleTime: string;
  startDate: string;
  phase: string;
  status: string;
  perinatal: number;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface PhaseTransitionTable {
  id: string;
  organisationId: string;
  courseId: string;
  fromPhase: string;
  toPhase: string;
  reason: string;
  at: string;
  byUserId: string;
}

export interface SessionTable {
  id: string;
  organisationId: string;
  courseId: string;
  number: number;
  date: string;
  attendance: string;
  lengthMinutes: number | null;
  note: string;
  phase: string;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Earlier versions of versioned records, kept on every update (notes keep their history). */
export interface RecordRevisionTable {
  id: string;
  organisationId: string;
  recordType: string;
  recordId: string;
  version: number;
  dataJson: string;
  changedAt: string;
  changedBy: string;
}

export interface AuditEventTable {
  seq: number;
  id: string;
  at: string;
  organisationId: string | null;
  userId: string | null;
  role: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  outcome: string;
  ip: string | null;
  operation: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** The id of the key the chain is keyed with from its last marker on (null before the key; migration 0007). */
  keyId: string | null;
}

export interface AdministrationTable {
  id: string;
  organisationId: string;
  patientId: string;
  courseId: string;
  sessionId: string | null;
  instrumentId: string;
  instrumentVersion: string;
  answersJson: string;
  scorable: number;
  total: number | null;
  band: string | null;
  flagsJson: string;
  reason: string | null;
  scorerVersion: string;
  mode: string;
  administeredAt: string;
  /** When the patient answered (a paper form entered later); filled on every new row, null only in theory. */
  answeredAt: string | null;
  enteredBy: string | null;
}

export interface RiskFlagTable {
  id: string;
  organisationId: string;
  patientId: string;
  courseId: string;
  administrationId: string;
  instrumentId: string;
  item: string;
  code: string;
  label: string;
  answerLabel: string;
  weight: number;
  raisedAt: string;
  reviewId: string | null;
}

export interface SafetyReviewTable {
  id: string;
  organisationId: string;
  patientId: string;
  riskLevel: string;
  asked: string;
  assessmentJson: string;
  safetyPlanJson: string;
  reviewBy: string;
  createdBy: string;
  createdAt: string;
}

export interface RiskOverrideTable {
  id: string;
  organisationId: string;
  patientId: string;
  courseId: string;
  step: string;
  sessionId: string | null;
  flagIdsJson: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}

export interface MeasureLinkTable {
  idHash: string;
  organisationId: string;
  patientId: string;
  courseId: string;
  sessionId: string | null;
  instrumentId: string;
  kind: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  administrationId: string | null;
}

export interface MeasureScheduleTable {
  courseId: string;
  organisationId: string;
  rulesJson: string;
  version: number;
  updatedAt: string;
}

export interface AnnotationTable {
  id: string;
  organisationId: string;
  courseId: string;
  date: string;
  label: string;
  kind: string;
  createdBy: string;
  createdAt: string;
}

export interface InstrumentTextPackTable {
  organisationId: string;
  instrumentId: string;
  packJson: string;
  importedBy: string;
  importedAt: string;
}

export interface CourseRecordTable {
  id: string;
  organisationId: string;
  patientId: string;
  courseId: string;
  kind: string;
  slot: string;
  dataJson: string;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  authSessions: AuthSessionTable;
  authThrottles: AuthThrottleTable;
  emailOutbox: EmailOutboxTable;
  patientInvitations: PatientInvitationTable;
  userMfa: UserMfaTable;
  mfaRecoveryCodes: MfaRecoveryCodeTable;
  supervisionLinks: SupervisionLinkTable;
  patients: PatientTable;
  careTeamMembers: CareTeamMemberTable;
  courses: CourseTable;
  phaseTransitions: PhaseTransitionTable;
  sessions: SessionTable;
  recordRevisions: RecordRevisionTable;
  auditEvents: AuditEventTable;
  auditChainHead: AuditChainHeadTable;
  administrations: AdministrationTable;
  riskFlags: RiskFlagTable;
  safetyReviews: SafetyReviewTable;
  riskOverrides: RiskOverrideTable;
  measureLinks: MeasureLinkTable;
  measureSchedules: MeasureScheduleTable;
  annotations: AnnotationTable;
  instrumentTextPacks: InstrumentTextPackTable;
  courseRecords: CourseRecordTable;
}

export type { Generated };

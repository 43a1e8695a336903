import type { Role } from '@ipt/core';
import type { Scope } from '../authz/policies.js';

/** Who is asking, established by the session cookie. */
export interface Actor {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: Role;
  readonly displayName: string;
  readonly sessionIdHash: string;
  /** A patient's account: the patient record it belongs to (issue 12); null for staff. */
  readonly patientId?: string | null;
  /** The device is handed to the patient (kiosk): only unlocking and signing out are allowed. */
  readonly kioskLocked?: boolean;
  /**
   * A half-session: the password was right and a second step is owed, a code (`code`) or setting up an app first
   * (`enrol`). Only the operations whose policy names the stage are allowed (docs/decisions/0019-mfa.md).
   */
  readonly mfaStage?: MfaStage;
}

export type MfaStage = 'code' | 'enrol';

/** Where a request came from and which operation it is, for the audit trail. */
export interface RequestContext {
  readonly actor: Actor;
  readonly ip: string | null;
  readonly operation: string;
  /** What the operation's declared policy lets it reach; the service pipeline reaches records for exactly this. */
  readonly scope: Scope;
}

import type { Role } from '@ipt/core';
import type { Scope } from '../authz/policies.js';

/** Who is asking, established by the session cookie. */
export interface Actor {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: Role;
  readonly displayName: string;
  readonly sessionIdHash: string;
  /** The device is handed to the patient (kiosk): only unlocking and signing out are allowed. */
  readonly kioskLocked?: boolean;
}

/** Where a request came from and which operation it is, for the audit trail. */
export interface RequestContext {
  readonly actor: Actor;
  readonly ip: string | null;
  readonly operation: string;
  /** What the operation's declared policy lets it reach; the service pipeline reaches records for exactly this. */
  readonly scope: Scope;
}

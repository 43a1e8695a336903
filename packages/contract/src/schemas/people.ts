import { careTeamRoles } from '@ipt/core';
import { z } from 'zod';
import { NewPassword, RoleSchema } from './auth.js';
import { Id } from './common.js';

export const User = z
  .object({ id: Id, email: z.string(), displayName: z.string(), role: RoleSchema, active: z.boolean() })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

const EmailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: 'Must be an email address.' }));

export const CreateUserRequest = z
  .strictObject({
    email: EmailAddress,
    displayName: z.string().trim().min(1, 'Enter a name.').max(120),
    role: RoleSchema,
    password: NewPassword,
  })
  .meta({ id: 'CreateUserRequest' });

export const CareTeamMember = z
  .object({ userId: Id, displayName: z.string(), role: z.enum(careTeamRoles) })
  .meta({ id: 'CareTeamMember' });
export type CareTeamMember = z.infer<typeof CareTeamMember>;

export const AddCareTeamMemberRequest = z.strictObject({ userId: Id }).meta({ id: 'AddCareTeamMemberRequest' });

export const SupervisionLink = z.object({ id: Id, supervisorId: Id, superviseeId: Id }).meta({ id: 'SupervisionLink' });
export const CreateSupervisionLinkRequest = z
  .strictObject({ supervisorId: Id, superviseeId: Id })
  .meta({ id: 'CreateSupervisionLinkRequest' });

/**
 * A patient's account, by invitation only (issue 12, part 1): the clinician invites the patient at an address; the
 * single-use link (256 random bits, its hash stored, 7 days) lets the patient choose a password once.
 */
export const CreatePatientInvitationRequest = z
  .strictObject({ email: EmailAddress })
  .meta({ id: 'CreatePatientInvitationRequest' });

/** The invitation, shown once to the clinician who made it: only its hash is kept. */
export const PatientInvitation = z
  .object({ token: z.string(), path: z.string(), email: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'PatientInvitation' });
export type PatientInvitation = z.infer<typeof PatientInvitation>;

export const InvitationParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a valid invitation.'),
});

export const AcceptInvitationRequest = z
  .strictObject({ password: NewPassword })
  .meta({ id: 'AcceptInvitationRequest' });

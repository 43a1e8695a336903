import { careTeamRoles } from '@ipt/core';
import { z } from 'zod';
import { NewPassword, RoleSchema } from './auth.js';
import { Id } from './common.js';

export const User = z
  .object({ id: Id, email: z.string(), displayName: z.string(), role: RoleSchema, active: z.boolean() })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const CreateUserRequest = z
  .strictObject({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ error: 'Must be an email address.' })),
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

import { roles } from '@ipt/core';
import { z } from 'zod';
import { Id } from './common.js';

export const RoleSchema = z.enum(roles);

export const LoginRequest = z
  .strictObject({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ error: 'Must be an email address.' })),
    password: z.string().min(1, 'Enter your password.').max(256),
  })
  .meta({ id: 'LoginRequest' });

/**
 * Passwords: at least 12 characters, at most 128, any characters (OWASP ASVS 5 §6.2; research/reliability-perf.md
 * A.2–A.3). No composition rules.
 */
export const NewPassword = z.string().min(12, 'Use at least 12 characters.').max(128, 'Use at most 128 characters.');

export const ChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword })
  .meta({ id: 'ChangePasswordRequest' });

export const Me = z
  .object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    organisationId: Id,
    organisationName: z.string(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

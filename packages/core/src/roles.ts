/**
 * Who uses IPT Workbench. See shared/DESIGN.md "Security model".
 * Clinical roles can be members of a patient's care team; `patient` is the person in treatment.
 */
export const Role = {
  admin: 'admin',
  supervisor: 'supervisor',
  clinician: 'clinician',
  facilitator: 'facilitator',
  trainee: 'trainee',
  patient: 'patient',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles = Object.values(Role);

/** Roles that may sit on a care team and so treat a patient. */
export const careTeamRoles = [Role.clinician, Role.trainee, Role.facilitator, Role.supervisor] as const;
export type CareTeamRole = (typeof careTeamRoles)[number];

export function isCareTeamRole(role: Role): role is CareTeamRole {
  return (careTeamRoles as readonly Role[]).includes(role);
}

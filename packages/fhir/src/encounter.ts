/**
 * A session of IPT as a FHIR R4 Encounter (https://hl7.org/fhir/R4/encounter.html): an ambulatory encounter whose
 * status follows attendance. Pure: the caller passes references.
 */
import type { Attendance } from '@ipt/core';

export interface SessionForFhir {
  readonly id: string;
  readonly number: number;
  readonly date: string;
  readonly attendance: Attendance;
  readonly lengthMinutes: number | null;
}

/** Attendance to Encounter.status (R4 value set encounter-status). A no-show is "cancelled" with its reason. */
function statusOf(attendance: Attendance): 'finished' | 'cancelled' {
  switch (attendance) {
    case 'attended':
      return 'finished';
    case 'cancelled':
    case 'no-show':
      return 'cancelled';
  }
}

export function toEncounter(session: SessionForFhir, refs: { patient: string; episodeOfCare: string }) {
  return {
    resourceType: 'Encounter' as const,
    id: session.id,
    status: statusOf(session.attendance),
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    subject: { reference: refs.patient },
    episodeOfCare: [{ reference: refs.episodeOfCare }],
    period: { start: session.date },
    ...(session.lengthMinutes !== null && {
      length: { value: session.lengthMinutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
    }),
    extension: [{ url: 'urn:ipt-workbench:session-number', valueInteger: session.number }],
    ...(session.attendance === 'no-show' && {
      text: { status: 'generated' as const, div: '<div xmlns="http://www.w3.org/1999/xhtml">Did not attend</div>' },
    }),
  };
}

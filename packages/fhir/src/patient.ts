/** A patient as a FHIR R4 Patient (https://hl7.org/fhir/R4/patient.html). Only the year of birth is held. */
export interface PatientForFhir {
  readonly id: string;
  readonly displayName: string;
  readonly yearOfBirth: number;
}

export function toPatient(p: PatientForFhir) {
  return {
    resourceType: 'Patient' as const,
    id: p.id,
    name: [{ text: p.displayName }],
    // R4 `date` allows a year alone: "YYYY".
    birthDate: String(p.yearOfBirth),
  };
}

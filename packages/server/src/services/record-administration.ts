/**
 * One place where a completed questionnaire becomes a record: validated against its instrument, scored by the
 * current scorer (whose version is stored with it), and every item-level risk answer turned into an open flag.
 * Runs inside the caller's transaction: the answers, the score and the flags commit together or not at all.
 */
import { RuleViolation } from '@ipt/core';
import * as measures from '../db/repositories/measures-repository.js';
import type { Q } from '../db/repositories/tx.js';
import type { AdministrationTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import type { ServiceDeps } from './deps.js';
import * as catalogue from './instrument-catalogue.js';

export interface AdministrationInput {
  readonly organisationId: string;
  readonly patientId: string;
  readonly courseId: string;
  readonly sessionId: string | null;
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  readonly answers: readonly (number | null)[];
  readonly mode: 'in-session' | 'link' | 'kiosk';
  readonly enteredBy: string | null;
  /** When the patient answered, if not now (a paper form entered later): an ISO instant already checked. */
  readonly answeredAt?: string | undefined;
}

export async function recordAdministration(
  q: Q,
  deps: ServiceDeps,
  input: AdministrationInput,
): Promise<AdministrationTable> {
  if (!catalogue.isKnownInstrument(input.instrumentId)) {
    throw new RuleViolation(`Unknown instrument "${input.instrumentId}".`, 'instrumentId');
  }
  const current = catalogue.versionOf(input.instrumentId);
  if (input.instrumentVersion !== current) {
    throw new RuleViolation(
      `This form is for version ${input.instrumentVersion} of the instrument; the current version is ${current}. Reload the form.`,
      'instrumentVersion',
    );
  }
  const result = catalogue.score(input.instrumentId, input.answers);
  const at = deps.clock().toISOString();
  const row: AdministrationTable = {
    id: uuidv7(),
    organisationId: input.organisationId,
    patientId: input.patientId,
    courseId: input.courseId,
    sessionId: input.sessionId,
    instrumentId: input.instrumentId,
    instrumentVersion: input.instrumentVersion,
    answersJson: JSON.stringify(input.answers),
    scorable: result.scorable ? 1 : 0,
    total: result.total,
    band: result.band,
    flagsJson: JSON.stringify(result.flags),
    reason: result.reason,
    scorerVersion: result.scorerVersion,
    mode: input.mode,
    administeredAt: at,
    answeredAt: input.answeredAt ?? at,
    enteredBy: input.enteredBy,
  };
  await measures.insertAdministration(q, row);
  await measures.insertRiskFlags(
    q,
    result.flags.map((f) => ({
      id: uuidv7(),
      organisationId: input.organisationId,
      patientId: input.patientId,
      courseId: input.courseId,
      administrationId: row.id,
      instrumentId: input.instrumentId,
      item: String(f.item),
      code: f.code,
      label: f.label,
      answerLabel: f.answerLabel,
      weight: f.weight,
      raisedAt: at,
      reviewId: null,
    })),
  );
  return row;
}

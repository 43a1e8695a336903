/**
 * How change on a measure reads (core's `readChange`, packages/core/src/measures/change.ts; DOMAIN §9.9 with ERRATA
 * Must-fix 9): the outcome, shared by the chart's interpretation and the progress review.
 */
import { ChangeOutcome } from '@ipt/core';
import { z } from 'zod';

export const ChangeOutcomeSchema = z
  .enum(Object.values(ChangeOutcome) as [ChangeOutcome, ...ChangeOutcome[]])
  .meta({ id: 'ChangeOutcome' });

/**
 * The course's risk history for the end-of-treatment summary (core's `assembleRiskHistory`,
 * packages/core/src/ending/risk-history.ts; DOMAIN §10.2): the flags raised, the safety reviews with the level the
 * clinician judged and the date to review again, and the reviews now overdue.
 */
import type { RiskHistory as CoreRiskHistory } from '@ipt/core';
import { z } from 'zod';
import { Id, IsoDate, IsoDateTime } from './common.js';

export const RiskHistory = z
  .object({
    flags: z.array(
      z.object({
        id: Id,
        instrumentId: z.string(),
        instrumentName: z.string(),
        item: z.union([z.number(), z.string()]),
        answer: z.string(),
        label: z.string(),
        raisedAt: IsoDateTime,
        status: z.enum(['open', 'reviewed']),
        reviewedAt: IsoDateTime.nullable(),
      }),
    ),
    reviews: z.array(
      z.object({
        id: Id,
        at: IsoDateTime,
        /** The level the clinician judged (low, moderate, high, imminent); the software never assigns one. */
        riskLevel: z.string(),
        reviewBy: IsoDate,
        byName: z.string(),
        flagsAnswered: z.number().int(),
        supersededAt: IsoDateTime.nullable(),
        overdue: z.boolean(),
      }),
    ),
    overdue: z.array(z.object({ reviewId: Id, reviewBy: IsoDate, daysOverdue: z.number().int() })),
  })
  .meta({ id: 'RiskHistory' }) satisfies z.ZodType<CoreRiskHistory>;
export type RiskHistory = z.infer<typeof RiskHistory>;

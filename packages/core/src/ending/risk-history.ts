/**
 * The risk history of a course, for the end-of-treatment summary (issue 10): every risk flag the course's measures
 * raised (DOMAIN §10.2: PHQ-9 item 9 or EPDS item 10 above 0, ERRATA row 35; a risk item left unanswered, ERRATA
 * must-fix 1), every safety review with the level the clinician judged (the software never assigns one, DOMAIN §10.2
 * step 3) and the date they set to review again, and the reviews now overdue. Assembled from the records, never typed.
 *
 * Overdue: a review whose review-by date has passed with no later safety review recorded (a later review supersedes
 * the earlier: it reassesses the risk and sets its own date). The flags a review answered are covered by it, so they
 * are overdue with it. This reading is ours (DOMAIN §10.2 "Repeat item-9 review at every session while flag is open";
 * the review-by date is the clinician's), not a source's.
 */

export interface RiskHistoryInput {
  readonly flags: readonly {
    readonly id: string;
    readonly instrumentId: string;
    readonly instrumentName: string;
    readonly item: number | string;
    /** The answer as stored with the flag (the option's words, or "scored 2 of 3" where they are not licensed). */
    readonly answer: string;
    readonly label: string;
    /** ISO instant. */
    readonly raisedAt: string;
    /** The safety review that answered it; null while it is open. */
    readonly reviewId: string | null;
  }[];
  readonly reviews: readonly {
    readonly id: string;
    /** ISO instant the review was recorded. */
    readonly at: string;
    readonly riskLevel: string;
    /** "YYYY-MM-DD": when the clinician will review the risk and the safety plan again. */
    readonly reviewBy: string;
    readonly byName: string;
  }[];
  /** "YYYY-MM-DD": the day the history is read on (the summary's date). */
  readonly today: string;
}

export interface RiskHistory {
  /** Oldest first. */
  readonly flags: readonly {
    readonly id: string;
    readonly instrumentId: string;
    readonly instrumentName: string;
    readonly item: number | string;
    readonly answer: string;
    readonly label: string;
    readonly raisedAt: string;
    readonly status: 'open' | 'reviewed';
    /** When the review that answered it was recorded; null while open (or if that review is not in the history). */
    readonly reviewedAt: string | null;
  }[];
  /** Oldest first. */
  readonly reviews: readonly {
    readonly id: string;
    readonly at: string;
    readonly riskLevel: string;
    readonly reviewBy: string;
    readonly byName: string;
    /** How many of the listed flags it answered. */
    readonly flagsAnswered: number;
    /** When the next safety review was recorded; null for the latest. */
    readonly supersededAt: string | null;
    /** The review-by date has passed and no later review was recorded. */
    readonly overdue: boolean;
  }[];
  /** The reviews overdue today, with how many days past their review-by date. */
  readonly overdue: readonly { readonly reviewId: string; readonly reviewBy: string; readonly daysOverdue: number }[];
}

const dayMs = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

export function assembleRiskHistory(input: RiskHistoryInput): RiskHistory {
  const reviews = [...input.reviews].sort((a, b) => a.at.localeCompare(b.at));
  const reviewRows = reviews.map((r, i) => {
    const supersededAt = reviews[i + 1]?.at ?? null;
    return {
      id: r.id,
      at: r.at,
      riskLevel: r.riskLevel,
      reviewBy: r.reviewBy,
      byName: r.byName,
      flagsAnswered: input.flags.filter((f) => f.reviewId === r.id).length,
      supersededAt,
      overdue: supersededAt === null && r.reviewBy < input.today,
    };
  });
  const flags = [...input.flags]
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt))
    .map((f) => ({
      id: f.id,
      instrumentId: f.instrumentId,
      instrumentName: f.instrumentName,
      item: f.item,
      answer: f.answer,
      label: f.label,
      raisedAt: f.raisedAt,
      status: f.reviewId === null ? ('open' as const) : ('reviewed' as const),
      reviewedAt: f.reviewId === null ? null : (reviews.find((r) => r.id === f.reviewId)?.at ?? null),
    }));
  return {
    flags,
    reviews: reviewRows,
    overdue: reviewRows
      .filter((r) => r.overdue)
      .map((r) => ({ reviewId: r.id, reviewBy: r.reviewBy, daysOverdue: daysBetween(r.reviewBy, input.today) })),
  };
}

/**
 * Words of the change reading (core's `readChange`, DOMAIN §9.9 with ERRATA Must-fix 9) and of the end-of-treatment
 * summary's diagnosis and risk history (DOMAIN §10.2).
 */
export const enEnding = {
  'interpretation.reading': 'What the scores show',
  'interpretation.belowCutOff': 'Below the cut-off (from a case at baseline)',
  'interpretation.iaptRecovery': 'Recovery (NHS Talking Therapies, this measure alone)',
  'interpretation.sustainedRecovery': 'Sustained recovery (provisional rule)',

  'review.primaryVerdict': 'Main measure ({instrument}). {verdict}.',
  'review.noPrimary': 'No depression measure was given: improvement cannot be judged.',
  'review.sustainedSince': '{judgement} In remission since {since}.',

  'doc.diagnosis': 'Diagnosis',
  'doc.noDiagnosis': 'No diagnosis was recorded in the initial phase.',
  'doc.risk': 'Risk history',
  'doc.riskFlags': 'Risk flags',
  'doc.riskFlagsCaption': 'Risk flags raised in this course',
  'doc.noRiskFlags': 'No risk flag was raised in this course.',
  'doc.riskCol.raised': 'Raised',
  'doc.riskCol.item': 'Instrument, item',
  'doc.riskCol.answer': 'Answer',
  'doc.riskCol.flag': 'Flag',
  'doc.riskCol.status': 'Status',
  'doc.riskItem': '{instrument}, item {item}',
  'doc.flagOpen': 'Open',
  'doc.flagReviewed': 'Reviewed {when}',
  'doc.flagReviewedUndated': 'Reviewed',
  'doc.safetyReviews': 'Safety reviews',
  'doc.safetyReviewsCaption': 'Safety reviews of the patient during the course',
  'doc.noSafetyReviews': 'No safety review was recorded.',
  'doc.reviewCol.date': 'Date',
  'doc.reviewCol.level': 'Level judged',
  'doc.reviewCol.reviewBy': 'Review by',
  'doc.reviewCol.by': 'By',
  'doc.reviewCol.then': 'Then',
  'doc.reviewNext': 'Next review {when}',
  'doc.reviewOverdue': 'Overdue: no later review',
  'doc.reviewLatest': 'The latest review',
  'doc.noneOverdue': 'No safety review is overdue.',
  'doc.overdue': 'Overdue: the review due by {when} ({days} days overdue).',
  'doc.overdueOneDay': 'Overdue: the review due by {when} (1 day overdue).',

  'doc.progress': 'How things changed',
  'doc.progressText':
    'Your score on the {instrument} went from {baseline} when you started to {latest} at your last check.',
  'doc.progressLower': 'On this measure, a lower score means fewer symptoms.',
  'doc.progressHigher': 'On this measure, a higher score means you are feeling better.',
  'doc.progressBelowCutOff': 'It is now below {cutOff}, the measure’s cut-off score.',
  'doc.progressAboveCutOff': 'It is now above {cutOff}, the measure’s cut-off score.',
} as const;

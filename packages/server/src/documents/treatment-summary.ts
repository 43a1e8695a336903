/**
 * The end-of-treatment summary for the clinical record (issue item 10): the course, the diagnosis, its focus, the
 * measure trajectory from baseline as core's `readChange` reads it (response, remission, reliable change, the cut-offs,
 * both kinds of recovery: DOMAIN §9.9, ERRATA Must-fix 9), the risk history (DOMAIN §10.2), the goals and their
 * attainment, the
 * relationships at intake beside now, the problem-area work done, the termination checklist, the continuation or
 * maintenance decision and the relapse-prevention plan. Everything is assembled from the records (the progress
 * review, DOMAIN §6.1 "review progress against the focus"); nothing is typed for the document.
 */
import type { ProgressReview, RelapsePlan, RiskHistory, Termination } from '@ipt/core';
import {
  areaLabel,
  attainmentLabels,
  continuationLabels,
  decisionOutcomeLabels,
  disputeStageLabel,
  instrumentName,
  longDate,
  patternLabel,
  riskLevelLabels,
  ringChangeLabels,
  techniqueLabel,
  yesNo,
} from './labels.js';
import { PdfWriter } from './pdf-kit.js';

export interface TreatmentSummaryInput {
  readonly patientName: string;
  readonly generatedAt: Date;
  readonly course: {
    readonly startDate: string;
    readonly lastSessionDate: string | null;
    readonly plannedSessions: number;
    readonly attended: number;
    readonly lastSessionNumber: number;
    readonly phase: string;
    readonly status: string;
  };
  readonly focus: {
    readonly statement: string | null;
    readonly formulation: string | null;
    readonly formulationStatus: string | null;
  };
  /** The diagnosis recorded in the initial phase; null when none was recorded. */
  readonly diagnosis: string | null;
  readonly review: ProgressReview;
  /** The course's risk flags, the safety reviews and those overdue (core's `assembleRiskHistory`). */
  readonly riskHistory: RiskHistory;
  /** Per instrument, lines worth drawing on its chart (remission where sourced, the lowest published cut-off). */
  readonly thresholds: Readonly<Record<string, readonly { value: number; label: string }[]>>;
  readonly termination: {
    readonly record: Termination | null;
    readonly items: readonly { id: string; label: string; required: boolean }[];
    readonly missing: readonly { field: string; message: string }[];
  };
  readonly relapsePlan: RelapsePlan | null;
  readonly safetyPlan: { readonly linked: boolean; readonly at: string | null };
}

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

export async function renderTreatmentSummary(input: TreatmentSummaryInput): Promise<Uint8Array> {
  const { review, course } = input;
  const pdf = new PdfWriter({
    title: `End-of-treatment summary: ${input.patientName}`,
    subject: 'End-of-treatment summary for the clinical record (IPT)',
    createdAt: input.generatedAt,
    bodySize: 10,
    footer: `${input.patientName} · End-of-treatment summary · ${longDate(input.generatedAt.toISOString())}`,
  });

  pdf.title('End-of-treatment summary', `Interpersonal Psychotherapy · for the clinical record`);
  pdf.fields([
    ['Patient', input.patientName],
    [
      'Course',
      `${longDate(course.startDate)} to ${course.lastSessionDate ? longDate(course.lastSessionDate) : 'no session yet'}`,
    ],
    [
      'Sessions',
      `${course.attended} attended of ${course.plannedSessions} planned (last session: ${course.lastSessionNumber})`,
    ],
    ['Phase', `${course.phase} (${course.status})`],
    ['Diagnosis', input.diagnosis ?? 'Not recorded'],
    [
      'Problem area',
      `${areaLabel(review.course.primaryArea)}${review.course.secondaryArea ? `; secondary: ${areaLabel(review.course.secondaryArea)}` : ''}`,
    ],
    ['Focus', input.focus.statement ?? 'Not recorded'],
  ]);
  if (input.focus.formulation) {
    pdf.subheading(`Formulation${input.focus.formulationStatus ? ` (${input.focus.formulationStatus})` : ''}`);
    pdf.paragraph(input.focus.formulation);
  }

  pdf.heading('Measures');
  if (review.measures.length === 0) pdf.paragraph('No measures were given.', { muted: true });
  for (const m of review.measures) {
    pdf.lineChart(
      `${m.shortName} (0–${m.maxTotal})`,
      m.points.map((p) => ({
        label: p.sessionNumber === null ? p.date.slice(5) : `S${p.sessionNumber}`,
        value: p.total,
      })),
      m.maxTotal,
      input.thresholds[m.instrumentId] ?? [],
    );
    pdf.table(
      [
        { header: 'Baseline', width: 0.42 },
        { header: 'Latest', width: 0.42 },
        { header: 'Change', width: 0.16, align: 'right' },
      ],
      [
        [
          m.baseline ? `${m.baseline.total} ${m.baseline.band ?? ''} (${longDate(m.baseline.date)})` : '—',
          m.latest && m.change !== null ? `${m.latest.total} ${m.latest.band ?? ''} (${longDate(m.latest.date)})` : '—',
          signed(m.change),
        ],
      ],
    );
    pdf.paragraph(m.sentence);
    pdf.fields([
      ['Response', yesNo(m.response.met)],
      ['Remission', yesNo(m.remission.met)],
      ['Reliable improvement', yesNo(m.reliableImprovement.met)],
      ['Reliable deterioration', yesNo(m.reliableDeterioration.met)],
      ['Below the cut-off (from a case at baseline)', yesNo(m.belowCutOff.met)],
      ['Recovery (NHS Talking Therapies, this measure alone)', yesNo(m.iaptRecovery.met)],
      [
        'Sustained recovery (provisional rule)',
        `${yesNo(m.sustainedRecovery.met)}${m.sustainedRecovery.since ? `; in remission since ${longDate(m.sustainedRecovery.since)}` : ''}`,
      ],
    ]);
    const sources = [
      ...new Set(
        [m.response, m.remission, m.reliableImprovement, m.belowCutOff, m.iaptRecovery, m.sustainedRecovery].map(
          (j) => j.definition,
        ),
      ),
    ];
    pdf.paragraph(sources.join(' '), { muted: true });
  }
  const primary = review.measures.find((m) => m.instrumentId === review.primaryInstrumentId);
  pdf.paragraph(
    primary === undefined
      ? 'No depression measure was given: improvement cannot be judged.'
      : `Main measure (${primary.shortName}). ${primary.verdict}.`,
  );

  pdf.heading('Risk history');
  const risk = input.riskHistory;
  pdf.subheading('Risk flags');
  pdf.table(
    [
      { header: 'Raised', width: 0.18 },
      { header: 'Instrument, item', width: 0.16 },
      { header: 'Answer', width: 0.22 },
      { header: 'Flag', width: 0.26 },
      { header: 'Status', width: 0.18 },
    ],
    risk.flags.map((f) => [
      longDate(f.raisedAt),
      `${f.instrumentName}, item ${f.item}`,
      f.answer,
      f.label,
      f.status === 'open' ? 'Open' : `Reviewed${f.reviewedAt ? ` ${longDate(f.reviewedAt)}` : ''}`,
    ]),
    'No risk flag was raised in this course.',
  );
  pdf.subheading('Safety reviews');
  pdf.table(
    [
      { header: 'Date', width: 0.18 },
      { header: 'Level judged', width: 0.14 },
      { header: 'Review by', width: 0.18 },
      { header: 'By', width: 0.2 },
      { header: 'Then', width: 0.3 },
    ],
    risk.reviews.map((r) => [
      longDate(r.at),
      riskLevelLabels[r.riskLevel] ?? r.riskLevel,
      longDate(r.reviewBy),
      r.byName,
      r.supersededAt
        ? `Next review ${longDate(r.supersededAt)}`
        : r.overdue
          ? 'Overdue: no later review'
          : 'The latest review',
    ]),
    'No safety review was recorded.',
  );
  pdf.paragraph(
    risk.overdue.length === 0
      ? 'No safety review is overdue.'
      : `Overdue: ${risk.overdue.map((o) => `the review due by ${longDate(o.reviewBy)} (${o.daysOverdue} day${o.daysOverdue === 1 ? '' : 's'} overdue)`).join('; ')}.`,
  );

  pdf.heading('Goals');
  pdf.table(
    [
      { header: 'Goal', width: 0.5 },
      { header: 'Kind', width: 0.12 },
      { header: 'Attainment', width: 0.15 },
      { header: 'Note', width: 0.23 },
    ],
    review.goals.map((g) => [
      g.text,
      g.kind === 'area' ? 'Problem area' : 'Personal',
      g.attainment ? (attainmentLabels[g.attainment] ?? g.attainment) : 'Not rated',
      g.note,
    ]),
    'No goals were recorded in the treatment contract.',
  );
  const residual = input.termination.record?.residualGoals ?? [];
  if (residual.length > 0) {
    pdf.subheading('Post-treatment goals');
    pdf.bullets(residual);
  }

  pdf.heading('Relationships');
  const rel = review.relationships;
  const circleIntro =
    rel.intakeDate && rel.latestDate
      ? `The closeness circle at intake (${longDate(rel.intakeDate)}) beside the latest (${longDate(rel.latestDate)}); ring 1 is closest.`
      : rel.intakeDate
        ? `One closeness circle, at intake (${longDate(rel.intakeDate)}): no later circle to compare.`
        : null;
  const added = rel.inventory.addedSince.map((p) => `${p.name} (${longDate(p.addedOn)})`);
  pdf.paragraph(
    `People in the interpersonal inventory: ${rel.inventory.atIntake} by the end of the initial phase, ` +
      `${rel.inventory.now} now.${added.length > 0 ? ` Added since: ${added.join(', ')}.` : ''}`,
  );
  if (circleIntro) pdf.paragraph(circleIntro, { muted: true });
  pdf.table(
    [
      { header: 'Person', width: 0.4 },
      { header: 'Ring at intake', width: 0.18, align: 'center' },
      { header: 'Ring now', width: 0.18, align: 'center' },
      { header: 'Change', width: 0.24 },
    ],
    rel.people.map((p) => [
      p.name,
      p.intakeRing === null ? '—' : String(p.intakeRing),
      p.latestRing === null ? '—' : String(p.latestRing),
      p.change ? (ringChangeLabels[p.change] ?? p.change) : '—',
    ]),
    rel.intakeDate ? 'No one was placed on the circle.' : 'No closeness circle was kept.',
  );

  pdf.heading('Work done');
  const work = review.work;
  pdf.fields([
    ['Sessions with the work recorded', String(work.sessionsWorked)],
    [
      'Techniques',
      work.techniques.map((t) => `${techniqueLabel(t.technique)} (${t.sessions})`).join('; ') || 'None recorded',
    ],
  ]);
  if (work.strategies.length > 0) {
    pdf.subheading('Problem-area strategies worked on (sessions)');
    pdf.bullets(work.strategies.map((s) => `${s.text} (${s.sessions})`));
  }
  if (work.disputeStages.length > 0) {
    pdf.subheading('Dispute stage');
    pdf.bullets(
      work.disputeStages.map(
        (d) =>
          `${d.sessionNumber === null ? 'At the choice of focus' : `Session ${d.sessionNumber}`}: ${disputeStageLabel(d.stage)}${d.note ? ` (${d.note})` : ''}`,
      ),
    );
  }
  pdf.subheading('Interpersonal incidents analysed');
  pdf.bullets(
    work.incidents.map(
      (i) =>
        `${i.incident}${i.personName ? ` (with ${i.personName})` : ''}; patterns: ${i.patterns.map(patternLabel).join(', ') || 'none named'}; ${i.alternatives} alternative(s)${i.rolePlayed ? '; rehearsed in a role play' : ''}`,
    ),
  );
  pdf.subheading('Role plays');
  pdf.bullets(
    work.rolePlays.map(
      (r) =>
        `${r.scenario.replace(/\s+/g, ' ')} (confidence ${r.confidenceBefore ?? '—'} → ${r.confidenceAfter ?? '—'} of 10)`,
    ),
  );
  pdf.subheading('Decisions');
  pdf.bullets(
    work.decisions.map(
      (d) =>
        `${d.decision}: ${d.chosen ? `chose "${d.chosen}"` : 'no choice yet'}${d.outcome ? `; outcome: ${decisionOutcomeLabels[d.outcome] ?? d.outcome}` : ''}`,
    ),
  );
  pdf.subheading('Ruptures in the therapeutic relationship');
  pdf.bullets(
    work.ruptures.map(
      (r) => `${r.type}: ${r.resolved === null ? 'repair not judged' : r.resolved ? 'repaired' : 'not repaired'}`,
    ),
  );

  pdf.heading('Ending');
  const t = input.termination.record;
  pdf.table(
    [
      { header: 'Termination task', width: 0.55 },
      { header: 'Done', width: 0.1, align: 'center' },
      { header: 'Note', width: 0.35 },
    ],
    input.termination.items.map((item) => {
      const state = t?.items[item.id as keyof Termination['items']];
      return [`${item.label}${item.required ? '' : ' (if it applies)'}`, state?.done ? 'Yes' : 'No', state?.note ?? ''];
    }),
  );
  pdf.fields([
    [
      'Checklist',
      t?.completed
        ? `Completed ${longDate(t.completedAt)}`
        : `Not completed${input.termination.missing.length ? `: ${input.termination.missing.map((m) => m.message).join(' ')}` : ''}`,
    ],
    ['"Why are you feeling better?" in the patient\'s words', t?.whyBetterPatientWords ?? ''],
    ...(t?.earlyEndReason ? [['Early end', t.earlyEndReason] as const] : []),
    [
      'After the acute course',
      t?.continuation.decision
        ? (continuationLabels[t.continuation.decision] ?? t.continuation.decision)
        : 'Not decided',
    ],
  ]);
  const contract = t?.continuation.contract;
  if (contract) {
    pdf.fields([
      ['Contract', `${contract.frequency}, for ${contract.durationMonths} month(s)`],
      ['Focus of the new contract', contract.focus],
      ['Monitoring', contract.monitoring],
    ]);
  }
  if (t?.continuation.note) pdf.paragraph(t.continuation.note);

  pdf.heading('Relapse-prevention plan');
  const plan = input.relapsePlan;
  if (!plan) {
    pdf.paragraph('No relapse-prevention plan was recorded.', { muted: true });
  } else {
    pdf.subheading('Warning signs');
    pdf.bullets(plan.warningSigns.map((w) => `${w.text} (${w.kind})`));
    pdf.subheading('Triggers anticipated');
    pdf.bullets(plan.triggersAnticipated);
    pdf.subheading('Coping actions');
    pdf.bullets(plan.copingActions);
    pdf.subheading('People to contact');
    pdf.bullets(plan.peopleToContact.map((p) => `${p.name}${p.how ? `: ${p.how}` : ''}`));
    pdf.subheading('Professional contacts');
    pdf.bullets(
      plan.professionalContacts.map((p) => [p.name, p.role, p.contact].filter((x) => x.trim() !== '').join(', ')),
    );
    const th = plan.whenToReturn.threshold;
    pdf.fields([
      ['When to come back', plan.whenToReturn.text],
      ...(th
        ? [
            [
              'Score threshold',
              `${instrumentName(th.instrumentId)} ≥ ${th.atLeast} for ${th.forWeeks} week(s)`,
            ] as const,
          ]
        : []),
      [
        'Safety plan',
        input.safetyPlan.linked ? `Linked: the Stanley–Brown plan of ${longDate(input.safetyPlan.at)}` : 'Not linked',
      ],
      ...(plan.shareWith.trim() ? [['Shared with', plan.shareWith] as const] : []),
    ]);
  }
  return pdf.finish();
}

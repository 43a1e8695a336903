/**
 * The patient's own copy of the relapse-prevention plan (DOMAIN §6.2: "give the patient a shareable copy"), in plain
 * language: second person, short sentences, large type, no clinical identifiers beyond the name they go by.
 */
import type { RelapsePlan } from '@ipt/core';
import { instrumentName, longDate } from './labels.js';
import { PdfWriter } from './pdf-kit.js';

export interface PatientPlanInput {
  readonly patientName: string;
  readonly generatedAt: Date;
  readonly plan: RelapsePlan | null;
  /**
   * The main measure from the start to the last score, as core's `readChange` read it (the same reading as the
   * summary's); null with fewer than two scores. Only the numbers and the cut-off are told, in plain words.
   */
  readonly progress: {
    readonly instrumentId: string;
    readonly baseline: number;
    readonly latest: number;
    readonly higherIsBetter: boolean;
    /** Past the questionnaire's lowest published cut-off at the latest, having started on the other side. */
    readonly belowCutOff: boolean;
    readonly cutOff: number | null;
  } | null;
  /** The patient's Stanley–Brown safety plan, when the plan links it: when it was made and where it is kept. */
  readonly safetyPlan: { readonly linked: boolean; readonly at: string | null; readonly whereKept: string };
}

export async function renderPatientPlan(input: PatientPlanInput): Promise<Uint8Array> {
  const pdf = new PdfWriter({
    title: `My plan for staying well: ${input.patientName}`,
    subject: 'A plan for staying well after therapy',
    createdAt: input.generatedAt,
    bodySize: 14,
    footer: `${input.patientName} · My plan for staying well`,
  });
  const plan = input.plan;
  pdf.title(
    'My plan for staying well',
    `For ${input.patientName}. Printed on ${longDate(input.generatedAt.toISOString())}.`,
  );
  pdf.paragraph(
    'You made this plan with your therapist. It helps you keep the changes you made. Keep it somewhere you can find it.',
  );

  const progress = input.progress;
  if (progress) {
    pdf.heading('How things changed');
    const better = progress.higherIsBetter
      ? 'a higher score means you are feeling better'
      : 'a lower score means fewer symptoms';
    pdf.paragraph(
      `Your score on the ${instrumentName(progress.instrumentId)} went from ${progress.baseline} when you started to ` +
        `${progress.latest} at your last check. On this measure, ${better}.`,
    );
    if (progress.belowCutOff && progress.cutOff !== null) {
      pdf.paragraph(
        `It is now ${progress.higherIsBetter ? 'above' : 'below'} ${progress.cutOff}, the measure's cut-off score.`,
      );
    }
  }

  pdf.heading('Signs to watch for');
  pdf.paragraph('These are signs that things may be getting harder.');
  pdf.bullets(plan?.warningSigns.map((w) => w.text) ?? [], 'Talk with your therapist about your signs.');

  pdf.heading('Things that may set me back');
  pdf.paragraph('Some times may be harder. Plan for them.');
  pdf.bullets(plan?.triggersAnticipated ?? [], 'None written down yet.');

  pdf.heading('What helps');
  pdf.paragraph('When you notice a sign, you can do these things.');
  pdf.bullets(plan?.copingActions ?? [], 'None written down yet.');

  pdf.heading('People I can contact');
  pdf.paragraph('You do not have to manage alone. These people can help.');
  pdf.bullets(
    plan?.peopleToContact.map((p) => (p.how ? `${p.name}: ${p.how}` : p.name)) ?? [],
    'None written down yet.',
  );
  if (plan?.shareWith) pdf.paragraph(`You chose to share this plan with: ${plan.shareWith}.`);

  pdf.heading('Professional help');
  pdf.bullets(
    plan?.professionalContacts.map((p) => [p.name, p.role, p.contact].filter((x) => x.trim() !== '').join(', ')) ?? [],
    'Your doctor (GP) can help you find support.',
  );
  if (input.safetyPlan.linked) {
    pdf.paragraph(
      `You also have a safety plan, made with your therapist on ${longDate(input.safetyPlan.at)}.` +
        (input.safetyPlan.whereKept ? ` You keep it here: ${input.safetyPlan.whereKept}.` : '') +
        ' Use it if you feel unsafe.',
    );
  }

  pdf.heading('When to come back');
  if (plan?.whenToReturn.text) pdf.paragraph(plan.whenToReturn.text);
  const th = plan?.whenToReturn.threshold;
  if (th) {
    pdf.paragraph(
      `Get in touch if your score on the ${instrumentName(th.instrumentId)} questionnaire is ${th.atLeast} or more for ${th.forWeeks} week${th.forWeeks === 1 ? '' : 's'} in a row.`,
    );
  }
  // Patient-facing copy shows crisis resources at once (DOMAIN §10.2); local crisis lines are configured per service,
  // so the plan names the one that is always there.
  pdf.paragraph('If you are ever in danger, call the emergency services straight away.');
  return pdf.finish();
}

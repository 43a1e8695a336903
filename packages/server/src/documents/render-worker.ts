/**
 * The thread the documents are drawn on: laying out a PDF and subsetting its font is tens of milliseconds of CPU
 * (bench/README.md, measures benchmark), which on the server's own thread would hold up every other request.
 */
import { parentPort } from 'node:worker_threads';
import { type PatientPlanInput, renderPatientPlan } from './patient-plan.js';
import { renderTreatmentSummary, type TreatmentSummaryInput } from './treatment-summary.js';

export type RenderJob =
  | { readonly id: number; readonly kind: 'treatment-summary'; readonly input: TreatmentSummaryInput }
  | { readonly id: number; readonly kind: 'patient-plan'; readonly input: PatientPlanInput };

export type RenderResult =
  | { readonly id: number; readonly bytes: Uint8Array }
  | { readonly id: number; readonly error: string };

parentPort?.on('message', (job: RenderJob) => {
  const rendering = job.kind === 'treatment-summary' ? renderTreatmentSummary(job.input) : renderPatientPlan(job.input);
  rendering.then(
    (bytes) => parentPort?.postMessage({ id: job.id, bytes } satisfies RenderResult, [bytes.buffer as ArrayBuffer]),
    (err: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies RenderResult),
  );
});

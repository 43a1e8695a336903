/**
 * Draws the documents off the request thread: one worker thread, started on the first document and kept (unref'd,
 * so it never holds the process open), jobs answered in any order by id. A worker that dies fails the jobs it held;
 * the next document starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { PatientPlanInput } from './patient-plan.js';
import type { RenderJob, RenderResult } from './render-worker.js';
import type { TreatmentSummaryInput } from './treatment-summary.js';

type Pending = { resolve: (bytes: Uint8Array) => void; reject: (err: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = null;
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./render-worker.js', import.meta.url));
  w.unref();
  w.on('message', (r: RenderResult) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if ('error' in r) p.reject(new Error(`The document could not be drawn: ${r.error}`));
    else p.resolve(r.bytes);
    if (pending.size === 0) w.unref();
  });
  w.on('error', (err: unknown) => failAll(err instanceof Error ? err : new Error(String(err))));
  w.on('exit', (code) => {
    if (worker === w) failAll(new Error(`The document thread stopped (exit code ${code}).`));
  });
  worker = w;
  return w;
}

function render(job: Omit<RenderJob, 'id'>): Promise<Uint8Array> {
  const w = theWorker();
  const id = nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Held while a job is out, so a caller awaiting it is not left behind by an exiting process.
    w.ref();
    w.postMessage({ ...job, id });
  });
}

export const drawTreatmentSummary = (input: TreatmentSummaryInput) => render({ kind: 'treatment-summary', input });
export const drawPatientPlan = (input: PatientPlanInput) => render({ kind: 'patient-plan', input });

/**
 * Draws the documents off the request thread: one worker thread, started on the first document and kept (unref'd,
 * so it never holds the process open), jobs answered in any order by id. A worker that dies fails the jobs it held;
 * the next document starts a new one.
 *
 * A document already drawn from the same input is not drawn again (ADR 0018): the last MAX_KEPT are kept in memory
 * by the SHA-256 of everything they are drawn from, so the one the records still say is reused, and any change to
 * what it shows (a record, a score, a flag, the patient's name, the day it is printed) makes a new one.
 */
import { createHash } from 'node:crypto';
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

/** Documents kept: a summary is some tens of kilobytes, so a few megabytes at most. */
export const MAX_KEPT = 64;
/** By key, least recently used first; a document being drawn is kept as its promise, so asking twice draws once. */
const kept = new Map<string, Promise<Uint8Array>>();

/**
 * What a document is drawn from, as one key: the job's input, with the moment it was asked for cut to its day (the
 * day is printed; the time is only the file's creation date, which the first drawing of the day keeps).
 */
function keyOf(job: Omit<RenderJob, 'id'>): string {
  const input = { ...job.input, generatedAt: job.input.generatedAt.toISOString().slice(0, 10) };
  return createHash('sha256').update(job.kind).update('\0').update(JSON.stringify(input)).digest('hex');
}

/** The document for this input: the one kept, else drawn now. The bytes are shared: a caller copies, never writes. */
function drawOnce(job: Omit<RenderJob, 'id'>): Promise<Uint8Array> {
  const key = keyOf(job);
  const known = kept.get(key);
  if (known) {
    kept.delete(key);
    kept.set(key, known);
    return known;
  }
  const drawing = render(job);
  kept.set(key, drawing);
  // A failed drawing is not kept: the next request tries again.
  drawing.catch(() => {
    if (kept.get(key) === drawing) kept.delete(key);
  });
  for (const oldest of kept.keys()) {
    if (kept.size <= MAX_KEPT) break;
    kept.delete(oldest);
  }
  return drawing;
}

export const drawTreatmentSummary = (input: TreatmentSummaryInput) => drawOnce({ kind: 'treatment-summary', input });
export const drawPatientPlan = (input: PatientPlanInput) => drawOnce({ kind: 'patient-plan', input });

/**
 * The termination checklist (DOMAIN §6.1, summarised in §1.4): which tasks are required for this course, what still
 * stops it from being completed, and completing it. Continuation and maintenance follow a new contract (§6.3).
 */
import { RuleViolation } from '../errors.js';
import { isBlank } from '../middle/checks.js';
import {
  ContinuationDecision,
  MaintenanceFrequency,
  type Termination,
  TerminationItem,
  terminationItems,
} from './model.js';

export interface TerminationItemContext {
  /**
   * Improved on the primary depression measure (ProgressReview.improved, read by `readChange` in measures/change.ts,
   * DOMAIN §9.9): response, reliable improvement, remission reached or below the cut-off; null when it cannot be told.
   * Only `false` makes "not improved" (DOMAIN §6.1 [S3][S45]) a required task: EPDS 15 → 9 is improved (below the
   * cut-off), so it never asks for "the treatment failed".
   */
  readonly improved: boolean | null;
  /** The course reached the middle phase at some point. */
  readonly leftInitialPhase: boolean;
}

export interface TerminationItemEntry {
  readonly id: TerminationItem;
  readonly label: string;
  readonly required: boolean;
  readonly source: string;
}

const itemDefinitions: Readonly<Record<TerminationItem, { readonly label: string; readonly source: string }>> = {
  'end-named': {
    label: 'Name the end in advance and return to it in each of the last sessions',
    source: 'DOMAIN §6.1 [S3][S15]; §1.4',
  },
  'progress-reviewed': {
    label: 'Review progress against the focus: how the problem area was resolved',
    source: 'DOMAIN §6.1 [S44]',
  },
  'why-better': {
    label: 'Ask why the patient is feeling better; credit their own work and the skills they gained',
    source: 'DOMAIN §6.1 [S3][S15]; §1.4',
  },
  'feelings-about-ending': {
    label: 'Acknowledge feelings about ending (ending is a loss and a role transition of its own)',
    source: 'DOMAIN §6.1 [S15][S45]',
  },
  'residual-work': {
    label: 'Identify what still needs work and set goals for after treatment',
    source: 'DOMAIN §6.1 [S15][S44]',
  },
  'relapse-prevention': {
    label: 'Relapse prevention: warning signs, an action plan, when and how to seek help',
    source: 'DOMAIN §6.1 [S15][S44][S48]; §6.2',
  },
  'not-improved-reviewed': {
    label: 'Not improved: review the gains there were, say the treatment (not the patient) failed, offer alternatives',
    source: 'DOMAIN §6.1 [S3][S45]; §1.4',
  },
  'continuation-decided': {
    label: 'Decide on ending, continuation, maintenance or referral',
    source: 'DOMAIN §6.1, §6.3 [S3][S45][S7]',
  },
  'end-measures': {
    label: 'End-of-treatment measures (repeated at follow-up)',
    source: 'DOMAIN §6.1 [Inference]',
  },
};

/**
 * Tasks that presuppose middle-phase work on an agreed focus: reviewing progress against the focus (§6.1 [S44]),
 * crediting the patient's work for feeling better (§6.1 [S3][S15]) and naming residual work on it (§6.1 [S15][S44]).
 * A course that ends without leaving the initial phase has no such work, so they are offered but not required; its
 * early end is documented by the early-end reason instead (issue "Bad input"). This is our decision, not a source's.
 */
const afterTreatmentWork: readonly TerminationItem[] = [
  TerminationItem.progressReviewed,
  TerminationItem.whyBetter,
  TerminationItem.residualWork,
];

/**
 * The checklist for a course, in DOMAIN §6.1 order. Every task is required by default; "not improved" is required
 * only when the course is known not to have improved (improved === false), and is not required otherwise; the tasks
 * that presuppose treatment work are not required for a course that never left the initial phase.
 */
export function terminationItemCatalogue(ctx: TerminationItemContext): TerminationItemEntry[] {
  return terminationItems.map((id) => {
    const required =
      id === TerminationItem.notImprovedReviewed
        ? ctx.improved === false
        : !(ctx.leftInitialPhase === false && afterTreatmentWork.includes(id));
    return { id, ...itemDefinitions[id], required };
  });
}

/** An empty checklist. */
export function newTermination(): Termination {
  return {
    items: {},
    whyBetterPatientWords: '',
    residualGoals: [],
    goalAttainment: [],
    continuation: { decision: null, contract: null, note: '' },
    earlyEndReason: '',
    completed: false,
    completedAt: null,
  };
}

export type TerminationPatch = Partial<Omit<Termination, 'completed' | 'completedAt'>>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Merges a change: `items` are merged item by item, every other field given replaces the current one. Completion is
 * not set here (see `completeTermination`). A completed checklist no longer changes: a patch that would change it is
 * refused (field `completed`); one that changes nothing returns it as it was.
 */
export function mergeTermination(current: Termination, patch: TerminationPatch): Termination {
  const next: Termination = {
    items: { ...current.items, ...(patch.items ?? {}) },
    whyBetterPatientWords: patch.whyBetterPatientWords ?? current.whyBetterPatientWords,
    residualGoals: patch.residualGoals ?? current.residualGoals,
    goalAttainment: patch.goalAttainment ?? current.goalAttainment,
    continuation: patch.continuation ?? current.continuation,
    earlyEndReason: patch.earlyEndReason ?? current.earlyEndReason,
    completed: current.completed,
    completedAt: current.completedAt,
  };
  for (const key of Object.keys(next.items)) {
    if (!(terminationItems as readonly string[]).includes(key)) {
      throw new RuleViolation(`"${key}" is not a termination task.`, 'items');
    }
  }
  if (current.completed && !same(current, next)) {
    throw new RuleViolation('The termination checklist is completed and no longer changes.', 'completed');
  }
  return next;
}

export interface TerminationContext extends TerminationItemContext {
  /** The course has a relapse-prevention plan (DOMAIN §6.2). */
  readonly relapsePlanPresent: boolean;
}

export interface MissingTask {
  readonly field: string;
  readonly message: string;
}

/**
 * What still stops the checklist from being completed, in order, each with the field it concerns:
 * 1. a course that never left the initial phase needs an early-end reason (issue "Bad input");
 * 2. every required task is done (see `terminationItemCatalogue`);
 * 3. a task marked done has what it claims: "why better" the patient's own words (DOMAIN §6.1 [S3][S15]);
 *    "relapse prevention" a relapse-prevention plan (§6.2); "continuation decided" a decision, and for continuation
 *    or maintenance a new contract with frequency, duration and focus (§6.3 [S3][S7] and [Inference]).
 * A contract given with an "end" or "referral" decision is also reported, as it contradicts the decision.
 */
export function terminationMissing(t: Termination, ctx: TerminationContext): MissingTask[] {
  const missing: MissingTask[] = [];
  if (!ctx.leftInitialPhase && isBlank(t.earlyEndReason)) {
    missing.push({
      field: 'earlyEndReason',
      message: 'The course never left the initial phase: say why it ends early.',
    });
  }
  for (const entry of terminationItemCatalogue(ctx)) {
    const state = t.items[entry.id];
    const done = state?.done === true;
    if (entry.required && !done) {
      missing.push({ field: `items.${entry.id}`, message: `Not done yet: ${entry.label}.` });
    }
    if (!done) continue;
    if (entry.id === TerminationItem.whyBetter && isBlank(t.whyBetterPatientWords)) {
      missing.push({
        field: 'whyBetterPatientWords',
        message: 'Write down, in the patient’s own words, why they are feeling better.',
      });
    }
    if (entry.id === TerminationItem.relapsePrevention && !ctx.relapsePlanPresent) {
      missing.push({ field: 'relapsePlan', message: 'Write the relapse-prevention plan.' });
    }
    if (entry.id === TerminationItem.continuationDecided) missing.push(...continuationMissing(t.continuation));
  }
  return missing;
}

function continuationMissing(c: Termination['continuation']): MissingTask[] {
  if (c.decision === null) {
    return [{ field: 'continuation.decision', message: 'Choose: end, continuation, maintenance or referral.' }];
  }
  const needsContract =
    c.decision === ContinuationDecision.continuation || c.decision === ContinuationDecision.maintenance;
  if (!needsContract) {
    return c.contract === null
      ? []
      : [{ field: 'continuation.contract', message: 'A new contract goes with continuation or maintenance only.' }];
  }
  const contract = c.contract;
  if (contract === null) {
    return [{ field: 'continuation.contract', message: 'Set the new contract: frequency, duration and focus.' }];
  }
  const missing: MissingTask[] = [];
  if (!Object.values(MaintenanceFrequency).includes(contract.frequency)) {
    missing.push({ field: 'continuation.contract.frequency', message: 'Choose how often sessions are held.' });
  }
  if (!Number.isInteger(contract.durationMonths) || contract.durationMonths < 1) {
    missing.push({ field: 'continuation.contract.durationMonths', message: 'Give the duration in whole months.' });
  }
  if (isBlank(contract.focus)) {
    missing.push({ field: 'continuation.contract.focus', message: 'Name the focus of the new contract.' });
  }
  return missing;
}

/** Completes the checklist, or throws a RuleViolation naming the first missing field. Completing twice is a no-op. */
export function completeTermination(t: Termination, ctx: TerminationContext, at: string): Termination {
  if (t.completed) return t;
  const first = terminationMissing(t, ctx)[0];
  if (first !== undefined) throw new RuleViolation(first.message, first.field);
  return { ...t, completed: true, completedAt: at };
}

/**
 * The middle phase as records (issue "The middle and final phases as working tools"): the session's work, a
 * communication analysis, a role play, a decision analysis, a rupture in the therapeutic relationship, the mid-course
 * review. Field meanings: shared/ipt/DOMAIN.md §1.3 (session note template), §3.3–§3.6 (area strategies), §5
 * (techniques), §5.8 (mentalizing hooks), §5.9 (rupture and repair). The rules over them live beside this file.
 */
import type { DisputeStage } from '../initial/problem-areas.js';

/** The IPT techniques (DOMAIN §5, Weissman et al. [S6 ch.10] and Klerman [S58]); mentalizing is the optional §5.8 module. */
export const Technique = {
  exploration: 'exploration',
  directElicitation: 'direct-elicitation',
  encouragementOfAffect: 'encouragement-of-affect',
  clarification: 'clarification',
  communicationAnalysis: 'communication-analysis',
  decisionAnalysis: 'decision-analysis',
  rolePlay: 'role-play',
  therapeuticRelationship: 'therapeutic-relationship',
  mentalizing: 'mentalizing',
} as const;
export type Technique = (typeof Technique)[keyof typeof Technique];
export const techniques = Object.values(Technique);

/** The session's work: the DOMAIN §1.3 [Inference] middle-phase session note, one per session. */
export const SessionWorkStatus = { draft: 'draft', finished: 'finished' } as const;
export type SessionWorkStatus = (typeof SessionWorkStatus)[keyof typeof SessionWorkStatus];

export interface SessionWork {
  readonly sessionId: string;
  readonly status: SessionWorkStatus;
  /** "How have things been since we last met?" (DOMAIN §1.3 [S4]). */
  readonly checkIn: {
    /** Mood since the last session, 0 (worst) … 10 (best) (DOMAIN §1.3 [Inference]). */
    readonly mood: number | null;
    /** The scheduled measure given at this session, if any. */
    readonly administrationId: string | null;
    readonly sinceLastMet: string;
  };
  /** The week's mood linked to the week's events, in the clinician's words (DOMAIN §1.3 [S2][S4]). */
  readonly moodEventLink: string;
  /** Strategy ids of the chosen problem area's checklist worked on this session (DOMAIN §3.3–§3.6). */
  readonly strategies: readonly string[];
  /** For a role dispute: the stage reassessed this session (DOMAIN §3.4 [Inference] stageHistory). */
  readonly disputeStage: { readonly stage: DisputeStage; readonly note: string } | null;
  readonly techniques: readonly Technique[];
  /** How what the patient planned to try last time went (DOMAIN §5.4 step 8: review the outcome at the opening). */
  readonly lastAttemptReview: string;
  /** What the patient will try before the next session (DOMAIN §1.3: new behaviours, not formal homework [S4]). */
  readonly patientWillTry: string;
  readonly safetyCheck: { readonly done: boolean; readonly concern: boolean; readonly note: string };
  /** Per-session curiosity / perspective-taking note (DOMAIN §5.8 [Inference] workbench hooks; optional). */
  readonly curiosityNote: string;
  readonly finishedAt: string | null;
  /** Each change after the record was finished, with its reason (issue: "editing a finished session asks for a reason"). */
  readonly amendments: readonly {
    readonly at: string;
    readonly by: string;
    readonly reason: string;
    readonly fromVersion: number;
  }[];
}

/** The four dimensions (polarities) of mentalizing (DOMAIN §5.8, Bateman & Fonagy via [S62]; seed article Table 1). */
export const MentalizingDimension = {
  automaticControlled: 'automatic-controlled',
  selfOther: 'self-other',
  internalExternal: 'internal-external',
  cognitiveAffective: 'cognitive-affective',
} as const;
export type MentalizingDimension = (typeof MentalizingDimension)[keyof typeof MentalizingDimension];

/**
 * Lapse markers a clinician can tick on a turn (DOMAIN §5.8 [Inference] hooks, [S63]; the seed article names
 * "unwarranted certainty, unsubstantiated presumptions about feelings and beliefs, or insistence on actions to
 * demonstrate intention").
 */
export const MentalizingLapse = {
  certaintyAboutOthers: 'certainty-about-others',
  actionsOnly: 'actions-only',
  talkWithoutFeeling: 'talk-without-feeling',
} as const;
export type MentalizingLapse = (typeof MentalizingLapse)[keyof typeof MentalizingLapse];

/** Patterns found by comparing what was meant with what was conveyed (DOMAIN §5.4 step 5). */
export const CommunicationPattern = {
  indirect: 'indirect',
  unspokenAssumption: 'unspoken-assumption',
  avoidedAnger: 'avoided-anger',
  escalation: 'escalation',
  withdrawal: 'withdrawal',
  other: 'other',
} as const;
export type CommunicationPattern = (typeof CommunicationPattern)[keyof typeof CommunicationPattern];

export const Speaker = { patient: 'patient', other: 'other' } as const;
export type Speaker = (typeof Speaker)[keyof typeof Speaker];

export interface Turn {
  readonly id: string;
  readonly speaker: Speaker;
  readonly words: string;
  readonly toneNonverbal: string;
  readonly patientFeeling: string;
  /** What the patient meant or wanted (DOMAIN §5.4 step 4). */
  readonly patientMeant: string;
  /** What the patient thinks the other felt. */
  readonly otherFeltGuess: string;
  /** Answers to the optional mentalizing prompts (ids from `mentalizingPrompts`). */
  readonly prompts: readonly { readonly promptId: string; readonly answer: string }[];
  readonly lapses: readonly MentalizingLapse[];
}

/** One interpersonal incident reconstructed turn by turn (DOMAIN §5.4). */
export interface CommunicationAnalysis {
  readonly sessionId: string;
  /** The inventory entry of the other person. */
  readonly personId: string | null;
  readonly incident: string;
  readonly turns: readonly Turn[];
  readonly intendedVsConveyed: string;
  readonly patterns: readonly CommunicationPattern[];
  readonly patternNote: string;
  /** "What else might you have said?" (DOMAIN §5.4 step 6 [S43]). */
  readonly alternatives: readonly { readonly id: string; readonly text: string }[];
  readonly agreedAttempt: string;
}

export const TherapistPlays = { other: 'other', patient: 'patient' } as const;
export type TherapistPlays = (typeof TherapistPlays)[keyof typeof TherapistPlays];

/** DOMAIN §5.6 [Inference]: scenario, roles, rounds, feedback, the patient's confidence 0–10. */
export interface RolePlay {
  readonly sessionId: string;
  /** The communication analysis and alternative it rehearses, when carried over from one. */
  readonly analysisId: string | null;
  readonly alternativeId: string | null;
  readonly personId: string | null;
  readonly scenario: string;
  readonly therapistPlays: TherapistPlays;
  readonly rounds: readonly { readonly id: string; readonly tried: string; readonly feedback: string }[];
  readonly confidenceBefore: number | null;
  readonly confidenceAfter: number | null;
}

export const DecisionOutcome = {
  asPlanned: 'as-planned',
  partly: 'partly',
  notTried: 'not-tried',
  differently: 'differently',
} as const;
export type DecisionOutcome = (typeof DecisionOutcome)[keyof typeof DecisionOutcome];

/** DOMAIN §5.5 [Inference]: decision → options → pros and cons (emotional consequences included) → choice → plan → outcome. */
export interface DecisionAnalysis {
  readonly sessionId: string;
  readonly decision: string;
  readonly options: readonly {
    readonly id: string;
    readonly text: string;
    readonly pros: readonly string[];
    readonly cons: readonly string[];
    readonly emotionalConsequences: string;
  }[];
  readonly chosenOptionId: string | null;
  readonly plan: { readonly who: string; readonly when: string; readonly words: string };
  /** Reviewed at a later session (DOMAIN §5.4 step 8, §5.5 "review the outcome"). */
  readonly outcome: { readonly sessionId: string; readonly result: DecisionOutcome; readonly note: string } | null;
}

export const RuptureType = { withdrawal: 'withdrawal', confrontation: 'confrontation' } as const;
export type RuptureType = (typeof RuptureType)[keyof typeof RuptureType];

/** DOMAIN §5.9 [Inference]: "rupture observed" with its type and repair steps, linked to patterns outside (§5.7). */
export interface Rupture {
  readonly sessionId: string;
  readonly type: RuptureType;
  readonly observed: string;
  readonly repair: string;
  /** Talked directly about what was happening between them (metacommunication, DOMAIN §5.9 [S67]). */
  readonly metacommunication: boolean;
  readonly linkOutside: string;
  readonly resolved: boolean | null;
}

/** What a clinician decides at the mid-course review when there is no response (issue item 6). */
export const MidCourseDecision = {
  continueAsPlanned: 'continue-as-planned',
  revisitFocus: 'revisit-focus',
  reviewMedication: 'review-medication',
  considerAlternative: 'consider-alternative',
} as const;
export type MidCourseDecision = (typeof MidCourseDecision)[keyof typeof MidCourseDecision];

export interface MidCourseReview {
  readonly decision: MidCourseDecision;
  readonly rationale: string;
  /** The session number the review was recorded at. */
  readonly atSession: number;
}

/**
 * The middle phase's reference lists: the techniques (DOMAIN §5), the optional mentalizing prompts and lapse markers
 * (DOMAIN §5.8; the seed article on IPT and mentalizing, shared/seeds/000_170c0bf6859b8dcb.txt), and the communication
 * patterns of a communication analysis (DOMAIN §5.4 step 5). Every entry names its source; prompt wording is ours.
 */
import { CommunicationPattern, MentalizingDimension, MentalizingLapse, Technique } from './model.js';

/** The seed article: Law, Ravitz, Pain & Fonagy on IPT and mentalizing (DOMAIN §5.8 [S11]), Ethyl's case. */
export const seedArticle =
  'Seed article on IPT and mentalizing (shared/seeds/000_170c0bf6859b8dcb.txt; DOMAIN §5.8 [S11])';

export interface TechniqueEntry {
  readonly id: Technique;
  readonly label: string;
  readonly source: string;
}

/** The IPT techniques in the order Weissman et al. list them, then the optional mentalizing module (DOMAIN §5). */
export const techniqueCatalogue: readonly TechniqueEntry[] = [
  { id: Technique.exploration, label: 'Non-directive exploration', source: 'DOMAIN §5.1 [S6][S58]' },
  { id: Technique.directElicitation, label: 'Direct elicitation', source: 'DOMAIN §5.1 [S6][S58]' },
  { id: Technique.encouragementOfAffect, label: 'Encouragement of affect', source: 'DOMAIN §5.2 [S6 ch.10][S58]' },
  { id: Technique.clarification, label: 'Clarification', source: 'DOMAIN §5.3 [S58]' },
  { id: Technique.communicationAnalysis, label: 'Communication analysis', source: 'DOMAIN §5.4 [S43][S58][S59]' },
  { id: Technique.decisionAnalysis, label: 'Decision analysis', source: 'DOMAIN §5.5 [S17][S58]' },
  { id: Technique.rolePlay, label: 'Role play', source: 'DOMAIN §5.6 [S43][S55]' },
  {
    id: Technique.therapeuticRelationship,
    label: 'Use of the therapeutic relationship',
    source: 'DOMAIN §5.7 [S6 ch.10][S11]',
  },
  {
    id: Technique.mentalizing,
    label: 'Mentalizing (optional module, not core IPT fidelity)',
    source: 'DOMAIN §5.8 [S11][S61] [Inference] workbench hooks',
  },
];

export interface MentalizingPrompt {
  readonly id: string;
  readonly dimension: MentalizingDimension;
  readonly text: string;
  readonly source: string;
}

/**
 * Optional prompts for a turn of a communication analysis, one per mentalizing dimension (DOMAIN §5.8 [Inference]
 * workbench hooks; an optional module, not core IPT fidelity). DOMAIN gives three, tagged "other/affective",
 * "self/affective" and "controlled/alternative perspectives"; each is stored under the one dimension it mainly
 * exercises (other → self–other; own feeling → cognitive–affective; alternatives → automatic–controlled). The fourth
 * (internal–external) is grounded in the seed article, where the therapist asks Ethyl what the other dog owners did
 * that told her how they felt about her. Wording is ours.
 */
export const mentalizingPrompts: readonly MentalizingPrompt[] = [
  {
    id: 'other-feeling',
    dimension: MentalizingDimension.selfOther,
    text: 'What do you imagine they were feeling at that moment?',
    source: 'DOMAIN §5.8 [Inference] hooks (other/affective) [S62]',
  },
  {
    id: 'own-feeling',
    dimension: MentalizingDimension.cognitiveAffective,
    text: 'What were you feeling just before you said that?',
    source: 'DOMAIN §5.8 [Inference] hooks (self/affective) [S62]',
  },
  {
    id: 'other-explanations',
    dimension: MentalizingDimension.automaticControlled,
    text: 'What else could explain what they did?',
    source: 'DOMAIN §5.8 [Inference] hooks (controlled/alternative perspectives) [S62]',
  },
  {
    id: 'outward-clues',
    dimension: MentalizingDimension.internalExternal,
    text: 'What did they do or say that gave you a clue to how they felt, about you or the situation?',
    source: `${seedArticle}: the therapist asks Ethyl what the other dog owners did that told her how they felt about her; DOMAIN §5.8 internal ↔ external [S62]`,
  },
];

export const mentalizingPromptIds: readonly string[] = mentalizingPrompts.map((p) => p.id);

export interface LapseEntry {
  readonly id: MentalizingLapse;
  readonly label: string;
  /** The pre-mentalizing mode the marker points to (DOMAIN §5.8 [S63]). */
  readonly mode: string;
  readonly source: string;
}

/** Lapse markers a clinician may tick on a turn (DOMAIN §5.8 [Inference] hooks; the seed article's examples). */
export const lapseCatalogue: readonly LapseEntry[] = [
  {
    id: MentalizingLapse.certaintyAboutOthers,
    label: 'Certain about what the other person thinks or intends',
    mode: 'psychic equivalence',
    source: `DOMAIN §5.8 [S63]; ${seedArticle}: "unwarranted certainty", "unsubstantiated presumptions"`,
  },
  {
    id: MentalizingLapse.actionsOnly,
    label: 'Explains only by what was done, not by what was felt or meant',
    mode: 'teleological mode',
    source: `DOMAIN §5.8 [S63]; ${seedArticle}: "insistence on actions to demonstrate intention"`,
  },
  {
    id: MentalizingLapse.talkWithoutFeeling,
    label: 'Talks about it without real feeling',
    mode: 'pretend mode',
    source: 'DOMAIN §5.8 [S63]',
  },
];

export interface CommunicationPatternEntry {
  readonly id: CommunicationPattern;
  readonly label: string;
  readonly source: string;
}

/** Patterns found by comparing what was meant with what was conveyed (DOMAIN §5.4 step 5, an [Inference] list). */
export const communicationPatternCatalogue: readonly CommunicationPatternEntry[] = [
  { id: CommunicationPattern.indirect, label: 'Indirect communication', source: 'DOMAIN §5.4 step 5 [Inference]' },
  {
    id: CommunicationPattern.unspokenAssumption,
    label: 'Unspoken assumptions',
    source: 'DOMAIN §5.4 step 5 [Inference]',
  },
  {
    id: CommunicationPattern.avoidedAnger,
    label: 'Anger avoided',
    source: 'DOMAIN §5.4 step 5 [Inference]; §3.4 [S3]',
  },
  { id: CommunicationPattern.escalation, label: 'Escalation', source: 'DOMAIN §5.4 step 5 [Inference]' },
  { id: CommunicationPattern.withdrawal, label: 'Withdrawal', source: 'DOMAIN §5.4 step 5 [Inference]' },
  {
    id: CommunicationPattern.other,
    label: 'Another pattern (describe it in the note)',
    source: 'DOMAIN §5.4 step 5 [Inference]',
  },
];

/**
 * Goals and strategies per canonical problem area: a data table. Paraphrased in our own words from the checklists
 * of shared/ipt/DOMAIN.md §3.3–§3.6 (which themselves paraphrase the manuals; never copy manual text). Ids are stable:
 * a treatment contract stores the goal ids it offered and the patient agreed.
 */
import { areaDefinition, CanonicalArea, type ProblemArea } from './problem-areas.js';

export interface ChecklistItem {
  readonly id: string;
  readonly text: string;
  readonly source: string;
}

export interface AreaChecklist {
  readonly area: CanonicalArea;
  readonly goals: readonly ChecklistItem[];
  readonly strategies: readonly ChecklistItem[];
}

export const areaChecklists: Readonly<Record<CanonicalArea, AreaChecklist>> = {
  grief: {
    area: CanonicalArea.grief,
    goals: [
      { id: 'grief.mourn', text: 'Help the patient mourn the loss.', source: 'DOMAIN §3.3 [S6]' },
      {
        id: 'grief.reconnect',
        text: 'Help the patient take up interests and relationships that can partly make up for what was lost.',
        source: 'DOMAIN §3.3 [S6]',
      },
    ],
    strategies: [
      {
        id: 'grief.link-onset',
        text: 'Review the depressive symptoms and connect their onset with the death.',
        source: 'DOMAIN §3.3 [S3][S6]',
      },
      {
        id: 'grief.reconstruct',
        text: 'Rebuild the story of the relationship with the person who died, with its good and its bad sides.',
        source: 'DOMAIN §3.3 [S6] (partly [Unverified] against the 1984 manual)',
      },
      {
        id: 'grief.events',
        text: 'Go through what happened before, around and after the death.',
        source: 'DOMAIN §3.3 [S6] (partly [Unverified])',
      },
      {
        id: 'grief.affect',
        text: 'Invite the feelings that have been avoided (sadness, guilt, anger) and treat them as normal.',
        source: 'DOMAIN §3.3 [S6][S50]',
      },
      {
        id: 'grief.direction',
        text: 'Find a direction again: new sources of support and a new purpose, sometimes linked to the death.',
        source: 'DOMAIN §3.3 [S3]',
      },
      {
        id: 'grief.new-involvement',
        text: 'Consider new ways of getting involved with other people.',
        source: 'DOMAIN §3.3 [S6]',
      },
    ],
  },
  dispute: {
    area: CanonicalArea.dispute,
    goals: [
      { id: 'dispute.identify', text: 'Name the disagreement.', source: 'DOMAIN §3.4 [S6][S14]' },
      { id: 'dispute.plan', text: 'Choose a plan of action.', source: 'DOMAIN §3.4 [S6][S14]' },
      {
        id: 'dispute.modify',
        text: 'Change how the two people communicate, what they expect, or both.',
        source: 'DOMAIN §3.4 [S6][S14]',
      },
      {
        id: 'dispute.recognise-link',
        text: 'See how the mismatch in expectations feeds into the depression.',
        source: 'DOMAIN §3.4 [S3]',
      },
      {
        id: 'dispute.renegotiate',
        text: 'Renegotiate the relationship towards a fairer balance.',
        source: 'DOMAIN §3.4 [S3]',
      },
    ],
    strategies: [
      {
        id: 'dispute.link-onset',
        text: 'Review the symptoms and connect their onset with the open or hidden dispute; listen for what the inventory leaves out.',
        source: 'DOMAIN §3.4 [S14]',
      },
      { id: 'dispute.stage', text: 'Decide which stage the dispute is in.', source: 'DOMAIN §3.4 [S14]' },
      {
        id: 'dispute.expectations',
        text: 'Understand how the differing expectations drive the dispute: the issues, the values, the options and the resources.',
        source: 'DOMAIN §3.4 [S14]',
      },
      {
        id: 'dispute.parallels',
        text: 'Look for the same pattern in other relationships.',
        source: 'DOMAIN §3.4 [S14]',
      },
      {
        id: 'dispute.perpetuating',
        text: 'Find what keeps the dispute going: demoralisation, habits of communication, or differences that cannot be reconciled.',
        source: 'DOMAIN §3.4 [S14]',
      },
      {
        id: 'dispute.action',
        text: 'Move from exploring to acting, with communication analysis, decision analysis and role play.',
        source: 'DOMAIN §3.4 [S14], §5',
      },
    ],
  },
  transition: {
    area: CanonicalArea.transition,
    goals: [
      {
        id: 'transition.mourn-old',
        text: 'Mourn and accept the loss of the old role.',
        source: 'DOMAIN §3.5 [S47][S53]',
      },
      {
        id: 'transition.accept-new',
        text: 'Adjust to the new role and see what it offers.',
        source: 'DOMAIN §3.5 [S47][S53]',
      },
      {
        id: 'transition.mastery',
        text: 'Rebuild self-esteem by becoming able to meet what the new role asks.',
        source: 'DOMAIN §3.5 [S47][S53]',
      },
      { id: 'transition.hope', text: 'Restore hope.', source: 'DOMAIN §3.5 [S47][S53]' },
    ],
    strategies: [
      {
        id: 'transition.link-onset',
        text: 'Review the symptoms and connect them with the struggle to cope with the change.',
        source: 'DOMAIN §3.5 [S47][S53]',
      },
      {
        id: 'transition.old-role',
        text: 'Look at the old role realistically: its good and bad sides, and what was really lost.',
        source: 'DOMAIN §3.5 [S47][S53]',
      },
      {
        id: 'transition.feelings',
        text: 'Explore the feelings about the loss and about the change (anger, fear, guilt, sadness).',
        source: 'DOMAIN §3.5 [S47][S53]',
      },
      {
        id: 'transition.opportunities',
        text: 'Explore what is good in the new role and the chances it opens.',
        source: 'DOMAIN §3.5 [S47][S53]',
      },
      { id: 'transition.skills', text: 'Build the skills the new role needs.', source: 'DOMAIN §3.5 [S47][S53]' },
      {
        id: 'transition.support',
        text: 'Rebuild support: revive old relationships or make new ones.',
        source: 'DOMAIN §3.5 [S54]',
      },
    ],
  },
  deficits: {
    area: CanonicalArea.deficits,
    goals: [
      { id: 'deficits.isolation', text: 'Lessen social isolation.', source: 'DOMAIN §3.6 [S6][S11]' },
      {
        id: 'deficits.new-relationships',
        text: 'Encourage new relationships to form.',
        source: 'DOMAIN §3.6 [S6][S11]',
      },
    ],
    strategies: [
      {
        id: 'deficits.link',
        text: 'Review the symptoms and connect them with isolation or unfulfilling relationships.',
        source: 'DOMAIN §3.6 [S11][S6]',
      },
      {
        id: 'deficits.past-relationships',
        text: 'Review important past relationships, their good and bad sides.',
        source: 'DOMAIN §3.6 [S11][S6]',
      },
      { id: 'deficits.patterns', text: 'Identify patterns that keep repeating.', source: 'DOMAIN §3.6 [S11][S51]' },
      {
        id: 'deficits.mentalizing',
        text: 'Practise taking the other person’s perspective and understanding what others mean.',
        source: 'DOMAIN §3.6 [S11], §5.8',
      },
      {
        id: 'deficits.therapeutic-relationship',
        text: 'Use the relationship with the therapist as an example of how the patient relates: feedback on how they come across.',
        source: 'DOMAIN §3.6 [S6 ch.10]',
      },
      {
        id: 'deficits.role-play',
        text: 'Role-play social skills, such as how to make friends.',
        source: 'DOMAIN §3.6 [S55]',
      },
    ],
  },
};

/** The checklist for any preset area, through its canonical area (DOMAIN §3.1 canonical mapping). */
export function checklistFor(area: ProblemArea): AreaChecklist {
  return areaChecklists[areaDefinition(area).canonical];
}

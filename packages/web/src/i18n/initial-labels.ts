/** Words for the values of core's initial-phase unions, and option lists built from core's own value lists. */
import {
  CommunicationStyle,
  ConflictOutcome,
  disputeStages,
  EpisodeKind,
  EpisodeType,
  ExpectationsMet,
  type FormulationStatus,
  lifeEventCategories,
  PerceivedImpact,
  relationshipTypes,
  RelationToEpisode,
  SnapshotPhase,
  SupportType,
  type TaxonomyPreset,
  taxonomyPresets,
} from '@ipt/core';
import type { Option } from '../forms/Field.js';
import { hasMessage, t } from './t.js';

/** A key built from a value; unknown values (an older record) fall back to the value itself. */
const label = (prefix: string, value: string) => {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
};

export const gateItemLabel = (id: string) => label('gate', id);
export const problemAreaLabel = (area: string) => label('problemArea', area);
export const canonicalAreaLabel = (area: string) => label('canonical', area);
export const taxonomyLabel = (preset: TaxonomyPreset) => t(`taxonomy.${preset}`);
export const stageLabel = (stage: string) => label('stage', stage);
export const categoryLabel = (c: string) => label('category', c);
export const relationshipLabel = (r: string) => label('relationship', r);
export const formulationStatusLabel = (s: FormulationStatus) => t(`formulationStatus.${s}`);
export const snapshotPhaseLabel = (p: string) => label('snapshot', p);
export const episodeKindLabel = (k: string) => label('episodeKind', k);
export const episodeTypeLabel = (k: string) => label('episodeType', k);

export const impactLabel = (impact: number | null | undefined) =>
  impact === null || impact === undefined ? t('impact.none') : label('impact', String(impact));

const options = <T extends string>(values: readonly T[], word: (v: T) => string): Option[] =>
  values.map((value) => ({ value, label: word(value) }));

export const taxonomyOptions = options(taxonomyPresets, taxonomyLabel);
export const stageOptions = options(disputeStages, stageLabel);
export const categoryOptions = options(lifeEventCategories, categoryLabel);
export const relationshipOptions = options(relationshipTypes, relationshipLabel);
export const episodeKindOptions = options(Object.values(EpisodeKind), episodeKindLabel);
export const episodeTypeOptions = options(Object.values(EpisodeType), (v) => {
  const word = episodeTypeLabel(v);
  return word.charAt(0).toUpperCase() + word.slice(1);
});
export const snapshotPhaseOptions = options(Object.values(SnapshotPhase), snapshotPhaseLabel);
export const supportOptions = options(Object.values(SupportType), (v) => label('support', v));
export const styleOptions = options(Object.values(CommunicationStyle), (v) => label('style', v));
export const metOptions = options(Object.values(ExpectationsMet), (v) => label('met', v));
export const outcomeOptions = options(Object.values(ConflictOutcome), (v) => label('outcome', v));
export const relationOptions = options(Object.values(RelationToEpisode), (v) => label('relation', v));

/** −3 … +3 (DOMAIN §2.4 perceived impact), with "not rated" first. */
export const impactOptions: Option[] = [
  { value: '', label: t('impact.none') },
  ...Array.from({ length: PerceivedImpact.max - PerceivedImpact.min + 1 }, (_, i) => {
    const v = String(PerceivedImpact.min + i);
    return { value: v, label: impactLabel(Number(v)) };
  }),
];

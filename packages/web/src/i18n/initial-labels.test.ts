import {
  CommunicationStyle,
  ConflictOutcome,
  disputeStages,
  EpisodeKind,
  EpisodeType,
  ExpectationsMet,
  FormulationStatus,
  GateItem,
  lifeEventCategories,
  ProblemArea,
  RelationToEpisode,
  relationshipTypes,
  SnapshotPhase,
  SupportType,
  taxonomyPresets,
  CanonicalArea,
  ComplicatingFactor,
} from '@ipt/core';
import { describe, expect, it } from 'vitest';
import { hasMessage } from './t.js';

/** Every value of core's initial-phase unions has its words: a new value in core fails here, not on screen. */
describe('initial-phase labels', () => {
  const unions: [string, readonly string[]][] = [
    ['gate', Object.values(GateItem)],
    ['problemArea', Object.values(ProblemArea)],
    ['canonical', Object.values(CanonicalArea)],
    ['taxonomy', taxonomyPresets],
    ['stage', disputeStages],
    ['factor', Object.values(ComplicatingFactor)],
    ['category', lifeEventCategories],
    ['relationship', relationshipTypes],
    ['formulationStatus', Object.values(FormulationStatus)],
    ['snapshot', Object.values(SnapshotPhase)],
    ['episodeKind', Object.values(EpisodeKind)],
    ['episodeType', Object.values(EpisodeType)],
    ['support', Object.values(SupportType)],
    ['style', Object.values(CommunicationStyle)],
    ['met', Object.values(ExpectationsMet)],
    ['outcome', Object.values(ConflictOutcome)],
    ['relation', Object.values(RelationToEpisode)],
  ];
  it.each(unions)('has a message for every %s', (prefix, values) => {
    expect(values.filter((v) => !hasMessage(`${prefix}.${v}`))).toEqual([]);
  });
});

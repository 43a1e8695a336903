/**
 * Response types the contract defines as schemas but does not export as types yet; taken from its route table so
 * they cannot drift from it.
 */
import type { CallResult, Routes } from '@ipt/contract';

export type LinkQuestionnaire = CallResult<Routes['openMeasureLink']>;
export type LinkSubmitted = CallResult<Routes['submitMeasureLink']>;
export type MeasureLink = CallResult<Routes['createMeasureLink']>;

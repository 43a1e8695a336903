import type { Phase } from '@ipt/core';
import { phaseLabel } from '../i18n/labels.js';

/** A phase as a word on its phase's tint: the word carries the meaning, the tint only echoes the strip. */
export function PhaseBadge({ phase }: { phase: Phase }) {
  return <span className={`phase-badge phase-${phase}`}>{phaseLabel(phase)}</span>;
}

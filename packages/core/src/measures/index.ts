/** Measurement-based care: the instrument registry, scoring and change (shared/ipt/DOMAIN.md §9, ERRATA.md). */
export * from './answers.js';
export * from './change.js';
export * from './epds.js';
export * from './gad-7.js';
export * from './ham-d-17.js';
export * from './instrument.js';
export * from './phq-2.js';
export * from './phq-9.js';
export * from './phq-responses.js';
export * from './registry.js';
export * from './score.js';
export * from './who-5.js';
export * from './wsas.js';
export * from './risk.js';

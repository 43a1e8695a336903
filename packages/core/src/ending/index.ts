/** The end of acute treatment as working tools (shared/ipt/DOMAIN.md §1.4, §6). */
export * from './model.js';
export * from './progress-review.js';
export * from './relapse-plan.js';
export * from './termination.js';
export * from './risk-history.js';

/** The initial phase as working tools (shared/ipt/DOMAIN.md §1.2, §2, §3, §4). */
export * from './approx-date.js';
export * from './area-checklists.js';
export * from './circle.js';
export * from './contract.js';
export * from './formulation.js';
export * from './gate.js';
export * from './hints.js';
export * from './inventory.js';
export * from './inventory-merge.js';
export * from './problem-area-choice.js';
export * from './problem-areas.js';
export * from './timeline.js';

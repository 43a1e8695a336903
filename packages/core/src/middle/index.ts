/** The middle phase as working tools (shared/ipt/DOMAIN.md §1.3, §3.3–§3.6, §5). */
export * from './catalogue.js';
export * from './communication.js';
export * from './decision.js';
export * from './mid-course.js';
export * from './model.js';
export * from './role-play.js';
export * from './rupture.js';
export * from './session-work.js';

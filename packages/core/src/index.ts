export * from './course/course.js';
export * from './course/measure-schedule.js';
export * from './course/phase.js';
export * from './errors.js';
export * from './roles.js';
export * from './measures/index.js';
export * from './initial/index.js';

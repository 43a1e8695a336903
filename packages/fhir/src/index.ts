export * from './encounter.js';
export * from './patient.js';
export * from './measure-results.js';
export * from './questionnaire.js';

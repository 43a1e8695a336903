export * from './encounter.js';
export * from './patient.js';

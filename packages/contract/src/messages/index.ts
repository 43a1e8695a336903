export * from './en.js';
export * from './field-errors.js';
export * from './format.js';
export * from './storable-text.js';

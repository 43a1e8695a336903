export * from './client.js';
export * from './openapi.js';
export * from './routes.js';
export * from './schemas/auth.js';
export * from './schemas/clinical.js';
export * from './schemas/common.js';
export * from './schemas/measures.js';
export * from './schemas/people.js';

import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A connection or a transaction: repositories run inside whichever the service gives them. */
export type Q = Kysely<Database>;

/**
 * The types of a handler, derived from the route table: each operation's handler receives the parsed output of its
 * route's zod `params` and `body`, the `If-Match` version exactly where the table declares one, the caller's context
 * where the route needs a session, and returns what the route's response schema describes.
 */
import type { DeepReadonly, OperationId, Routes } from '@ipt/contract';
import type { z } from 'zod';
import type { RequestContext } from '../auth/actor.js';
import type { Services } from '../services/index.js';

type Route<Op extends OperationId> = Routes[Op];
/** The parsed output of the route's schema under `key`, or undefined where the route has none. */
type Parsed<Op extends OperationId, K extends 'params' | 'body'> =
  Route<Op> extends { readonly [P in K]: infer S } ? (S extends z.ZodType ? z.output<S> : undefined) : undefined;

/** A document answer (`produces`): the bytes and the file name they download as. */
export interface DocumentAnswer {
  readonly filename: string;
  readonly bytes: Uint8Array;
}

/**
 * An answer that also starts (`token`) or ends (`null`) the caller's signed-in session: the route layer sets or
 * clears the session cookie from it. Login and logout answer this way; nothing else names the cookie.
 */
export class SessionChange<T> {
  constructor(
    readonly value: T,
    readonly token: string | null,
  ) {}
}

/** What the route's schema says the answer is (its input type: what the server serializes). */
export type Answer<Op extends OperationId> =
  Route<Op> extends { readonly produces: string }
    ? DocumentAnswer
    : Route<Op>['response'] extends z.ZodType
      ? DeepReadonly<z.input<Route<Op>['response']>>
      : void;

export type HandlerInput<Op extends OperationId> = {
  readonly params: Parsed<Op, 'params'>;
  readonly body: Parsed<Op, 'body'>;
  readonly ip: string | null;
} & (Route<Op> extends { readonly ifMatch: true } ? { readonly ifMatch: number } : unknown) &
  (Route<Op>['auth'] extends 'session' ? { readonly ctx: RequestContext } : unknown);

export type Handler<Op extends OperationId> = (
  s: Services,
  input: HandlerInput<Op>,
) => Promise<Answer<Op> | SessionChange<Answer<Op>>>;

export type Handlers = { readonly [Op in OperationId]: Handler<Op> };

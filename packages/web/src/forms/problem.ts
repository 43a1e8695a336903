/**
 * Turns a failed call or a failed schema check into messages by field. The server names offending fields in
 * problem+json `errors: [{ field, message }]`; the form shows each next to its field.
 */
import { ApiError } from '@ipt/contract';
import type * as RequestSchemas from './request-schemas.js';
import { t } from '../i18n/t.js';

export type FieldErrors = Readonly<Record<string, string>>;
export interface FormErrors {
  readonly fields: FieldErrors;
  /** The message for the form as a whole (its live region). */
  readonly form: string;
}

/** "/contact/email", "body.contact.email" and "contact.email" all name the field "contact.email". */
export function normaliseField(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replaceAll('/', '.')
    .replace(/^body\./, '');
}

export function errorsFromApi(error: unknown, knownFields: readonly string[]): FormErrors {
  if (error instanceof ApiError) {
    const fields: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const e of error.problem.errors ?? []) {
      const field = normaliseField(e.field);
      if (knownFields.includes(field)) fields[field] ??= e.message;
      else unplaced.push(e.message);
    }
    const placed = Object.keys(fields).length > 0;
    const form = [placed ? t('form.fixErrors') : (error.problem.detail ?? error.problem.title), ...unplaced].join(' ');
    return { fields, form };
  }
  if (error instanceof TypeError) return { fields: {}, form: t('app.networkError') };
  return { fields: {}, form: t('app.error') };
}

/** The structural part of a zod schema the forms use, so the web package needs no zod import of its own. */
export interface Checkable {
  safeParse(
    value: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** A request schema of the contract that a form checks with (request-schemas.ts). */
export type RequestSchemaName = keyof typeof RequestSchemas;

/**
 * The contract's request schemas come with zod, which the pages themselves do without: they are a chunk of their own,
 * loaded the first time a form checks what it sends, or when a form that does is first focused (ADR 0018).
 */
const requestSchemas = () => import('./request-schemas.js');

/** Starts loading the request schemas, so they are there by the time the form is sent (a form's `onFocus`). */
export const prefetchRequestSchemas = () => {
  requestSchemas().catch(() => undefined);
};

/** Checks a request body against the contract's schema of that name, loaded when first needed (ADR 0018). */
export async function checkRequest(name: RequestSchemaName, body: unknown): Promise<FieldErrors> {
  return validate((await requestSchemas())[name], body);
}

/**
 * Checks a request body against the contract's schema before sending it: the same rules the server applies. A page
 * that passes a schema it imports itself carries zod: the forms use `checkRequest`.
 */
export function validate(schema: Checkable, body: unknown): FieldErrors {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    fields[field] ??= issue.message;
  }
  return fields;
}

/** Required fields left empty, each with the catalogue's message. */
export function missing(values: Readonly<Record<string, string>>, required: readonly string[]): FieldErrors {
  const fields: Record<string, string> = {};
  for (const name of required) if ((values[name] ?? '').trim() === '') fields[name] = t('form.required');
  return fields;
}

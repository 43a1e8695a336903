/**
 * A link's token as the contract's `MeasureLinkParams` has it (43 characters of base64url), checked without the
 * contract's schemas so the patient's page loads no zod (ADR 0018); link-token.test.ts holds the two together, and
 * the server checks the token again.
 */
export const isLinkToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

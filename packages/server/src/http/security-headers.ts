/**
 * The security headers of every answer (ASVS 14.4; shared/research/reliability-perf.md), written out once.
 *
 * They were set by @fastify/helmet, which parsed its Content-Security-Policy directives again on every request: 4%
 * of the server's time on the patient read (bench/api, issue 16, ADR 0021). The headers never change while the
 * server runs, so they are these constants, with the values helmet sent for our options (compared header by header
 * when they replaced it; held by clinical-records.int.test.ts), and each answer copies them in one step.
 */

/** The Content-Security-Policy: only this origin's own scripts, styles, images and connections; never framed. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "base-uri 'none'",
  "font-src 'self' https: data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  'upgrade-insecure-requests',
  "connect-src 'self'",
].join(';');

/** Every security header, as one object to copy into each answer; HSTS only when the server is reached over TLS. */
export function securityHeaders(options: {
  readonly strictTransportSecurity: boolean;
}): Readonly<Record<string, string>> {
  return Object.freeze({
    'content-security-policy': contentSecurityPolicy,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(options.strictTransportSecurity && { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  });
}

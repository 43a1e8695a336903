/** The environment, parsed once at boot by one schema; a bad value stops the server with a readable message. */
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  IPT_DATA_DIR: z.string().min(1).default('./data'),
  /** Set to a postgres:// URL to run on PostgreSQL; unset means the embedded SQLite file in IPT_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file).',
    )
    .optional(),
  /** Cookies carry `Secure` and the `__Host-` prefix. Browsers accept them on http://localhost too. */
  IPT_COOKIE_SECURE: bool.default(true),
  /**
   * Behind a reverse proxy: which peers' X-Forwarded-For names the client, for the sign-in throttles and the audit
   * trail: addresses and CIDR ranges (or `loopback`, `linklocal`, `uniquelocal`) separated by commas. Unset or
   * `false`: the socket's address, and the header is never believed.
   */
  IPT_TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (v) => v === 'false' || v.split(',').every((p) => isProxyAddress(p.trim())),
      "IPT_TRUST_PROXY must be the proxies' addresses or ranges, separated by commas (10.0.0.1, 10.0.0.0/8, loopback).",
    )
    .optional(),
  /** Idle timeout: 15 min (research/reliability-perf.md R-04). */
  IPT_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  /** Absolute session lifetime: 8 h (R-04; OWASP 4–8 h for an office day). */
  IPT_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(12).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The audit chain's key (HMAC-SHA-256), 32 bytes or more as hex; held by the operator, never in the database
   * (docs/decisions/0016). Unset: the key file below.
   */
  IPT_AUDIT_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{2}){32,}$/, 'IPT_AUDIT_KEY must be at least 32 bytes written as hex (64 hex digits).')
    .optional(),
  /** A file holding the key as hex. Unset: `<data dir>.audit-key` beside the data dir, made (0600) when missing. */
  IPT_AUDIT_KEY_FILE: z.string().min(1).optional(),
  /** The append-only file of signed checkpoints of the chain's head. Unset: `<data dir>/audit-checkpoints.log`. */
  IPT_AUDIT_CHECKPOINTS: z.string().min(1).optional(),
  /** A checkpoint after at most this many events appended by this process… */
  IPT_AUDIT_CHECKPOINT_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** …or this many seconds after the first event since the last one (and one at shutdown). */
  IPT_AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** The mail server emails go through (smtp:// or smtps://, with a user and password if it needs them). Unset: no email. */
  IPT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'IPT_SMTP_URL must be an smtp:// or smtps:// URL.')
    .optional(),
  /** The sender of every email. */
  IPT_MAIL_FROM: z.string().min(3).default('IPT Workbench <no-reply@ipt-workbench.invalid>'),
  /** The address patients reach this server at, for the links in emails (https://…). Unset: no email. */
  IPT_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+(\/[^\s]*)?$/, 'IPT_PUBLIC_URL must be the http(s):// address patients open.')
    .optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly cookieSecure: boolean;
  /** Whose X-Forwarded-For to believe: nobody's (false), or the proxies at these addresses and ranges. */
  readonly trustProxy: false | readonly string[];
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  readonly logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  readonly audit: AuditConfig;
  readonly mail: MailConfig;
}

/** Email (docs/decisions/0022-email-outbox.md): on only when both the mail server and the public address are set. */
export interface MailConfig {
  readonly smtpUrl: string | undefined;
  readonly from: string;
  /** Without a trailing slash. */
  readonly publicUrl: string | undefined;
}

/** Where the audit chain's key and its checkpoints are (docs/decisions/0016). */
export interface AuditConfig {
  /** The key as hex when given in the environment (IPT_AUDIT_KEY); otherwise it is read from `keyFile`. */
  readonly keyHex: string | undefined;
  readonly keyFile: string;
  /** True when the operator named the key file: a missing one is then an error, never made anew. */
  readonly keyFileGiven: boolean;
  readonly checkpointsFile: string;
  readonly checkpointEveryEvents: number;
  readonly checkpointEveryMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([k, v]) => k in ConfigSchema.shape && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`The environment is not valid:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.IPT_DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    databaseUrl: c.DATABASE_URL,
    cookieSecure: c.IPT_COOKIE_SECURE,
    trustProxy: trustProxyOf(c.IPT_TRUST_PROXY),
    sessionIdleMs: c.IPT_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: c.IPT_SESSION_ABSOLUTE_HOURS * 3_600_000,
    logLevel: c.LOG_LEVEL,
    audit: {
      keyHex: c.IPT_AUDIT_KEY,
      keyFile: path.resolve(c.IPT_AUDIT_KEY_FILE ?? `${dataDir}.audit-key`),
      keyFileGiven: c.IPT_AUDIT_KEY_FILE !== undefined,
      checkpointsFile: path.resolve(c.IPT_AUDIT_CHECKPOINTS ?? path.join(dataDir, 'audit-checkpoints.log')),
      checkpointEveryEvents: c.IPT_AUDIT_CHECKPOINT_EVENTS,
      checkpointEveryMs: c.IPT_AUDIT_CHECKPOINT_SECONDS * 1000,
    },
    mail: { smtpUrl: c.IPT_SMTP_URL, from: c.IPT_MAIL_FROM, publicUrl: c.IPT_PUBLIC_URL?.replace(/\/+$/, '') },
  };
}

const proxyKeywords = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR range of one, or one of proxy-addr's names for a range. */
function isProxyAddress(part: string): boolean {
  if (proxyKeywords.has(part)) return true;
  const [address = '', bits, ...rest] = part.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

function trustProxyOf(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  return value.split(',').map((p) => p.trim());
}

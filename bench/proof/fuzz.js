/**
 * Fuzz from the contract (issue 11, part 6; research T-04): for every route of the contract's table, fast-check
 * arbitraries made from its zod request schemas (params and body, through their JSON Schema), plus malformed
 * variants: a field of the wrong type, a required field left out, an extra field, a huge string, random Unicode,
 * random JSON, a body that is not JSON, a malformed id or version. Sent over HTTP to the real server (`ipt serve`)
 * on SQLite and on a fresh PostgreSQL database, as signed-in users of every role and anonymously, with ids of real
 * records (the demo clinic's and every id the fuzz's own writes answered) most of the time.
 *
 * Then, with the server stopped: no answer was ≥ 500 (nor a dropped connection); no partial writes (each table a
 * create route writes grew by exactly that route's 2xx answers; each administration has exactly the risk flags its
 * scored flags name; each course record's JSON parses; the audit sequence has no gap); `ipt audit verify` exits 0.
 *
 *   node bench/proof/fuzz.js [--requests 10000] [--concurrency 8] [--seed N] [--db sqlite,postgresql]
 *
 * --requests is the total, split evenly over the databases. Skipped routes (they end or lock the fuzzing sessions,
 * which would turn the rest of the run into 401s and 423s): logout, changePassword, startKiosk,
 * setOrganisationMfa.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { routes } from '@ipt/contract';
import { addUsers, auditVerify, flags, freshEnv, freshPostgres, ok, request, signIn, startCli } from './lib.js';

const opts = flags({ requests: 10000, concurrency: 8, seed: Date.now() % 1_000_000, db: 'sqlite,postgresql' });
const SKIPPED = new Set(['logout', 'changePassword', 'startKiosk', 'setOrganisationMfa']);

/** The create routes whose 2xx answers must match the growth of a table exactly. */
const CREATES = {
  patients: ['createPatient'],
  courses: ['createCourse'],
  sessions: ['createSession'],
  administrations: ['createAdministration', 'submitMeasureLink'],
  annotations: ['createAnnotation'],
  safety_reviews: ['createSafetyReview'],
  measure_links: ['createMeasureLink'],
};

// ---------- JSON Schema → fast-check ----------

/**
 * The pools of real ids (and link tokens) to put where the schema wants an id, by kind of record; filled from the
 * demo clinic and from every answer as the fuzz runs.
 */
const pool = {
  patient: [],
  course: [],
  session: [],
  administration: [],
  record: [],
  user: [],
  other: [],
  tokens: [],
  versions: [],
};
/** Which pool a parameter or field named so draws from. */
const poolOfName = (name) =>
  ({
    patientId: 'patient',
    courseId: 'course',
    sessionId: 'session',
    administrationId: 'administration',
    recordId: 'record',
    userId: 'user',
    superviseeId: 'user',
    supervisorId: 'user',
  })[name] ?? 'other';
const allIds = () => Object.entries(pool).flatMap(([k, v]) => (k === 'tokens' || k === 'versions' ? [] : v));
const poolId = (name) =>
  fc.tuple(fc.nat(), fc.nat({ max: 9 })).map(([n, r]) => {
    const own = pool[poolOfName(name)];
    const from = r < 8 && own.length ? own : allIds();
    return from.length ? from[n % from.length] : randomUUID();
  });
const isoDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const recentDate = fc
  .date({ min: new Date('2026-01-12'), max: new Date('2026-12-01'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Arbitraries by field name (for the type the schema gives there), filled with what the server holds. */
const FIELD_HINTS = {
  date: (t) => (t === 'string' ? recentDate : null),
  startDate: (t) => (t === 'string' ? recentDate : null),
  answeredAt: (t) => (t === 'string' ? recentDate : null),
  instrumentId: (t) => (t === 'string' ? fc.constantFrom('phq-9', 'gad-7', 'who-5', 'wsas') : null),
  instrumentVersion: (t) =>
    t === 'string' ? fc.nat().map((n) => (pool.versions.length ? pool.versions[n % pool.versions.length] : '1')) : null,
  answers: (t) =>
    t === 'array'
      ? fc
          .nat({ max: 3 })
          .chain((n) =>
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: [9, 7, 5, 5][n], maxLength: [9, 7, 5, 5][n] }),
          )
      : null,
  number: (t) => (t === 'integer' ? fc.integer({ min: 1, max: 200 }) : null),
};

function arbitraryOf(schema, defs, depth = 0, key = '') {
  if (schema.$ref) return arbitraryOf(defs[schema.$ref.replace('#/$defs/', '')], defs, depth, key);
  if (schema.anyOf || schema.oneOf) {
    return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s) => arbitraryOf(s, defs, depth, key)));
  }
  if (schema.allOf) return arbitraryOf(schema.allOf[0], defs, depth, key);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  // What the field's name says of a value the server would take (a date within the course, a real instrument),
  // most of the time: the schema alone makes bodies that are well formed but refused by the rules behind it.
  const hint = FIELD_HINTS[key]?.(type);
  if (hint) return fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: arbitraryOf(schema, defs, depth) });
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') {
        return fc.oneof({ weight: 9, arbitrary: poolId(key) }, { weight: 1, arbitrary: fc.uuid() });
      }
      if (schema.format === 'date') return isoDate;
      if (schema.format === 'date-time') return isoDate.map((d) => `${d}T10:00:00Z`);
      if (schema.format === 'email') return fc.emailAddress();
      const max = Math.min(schema.maxLength ?? 80, 200);
      const min = Math.min(schema.minLength ?? 0, max);
      if (schema.pattern) {
        try {
          return fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
        } catch {
          // a pattern fast-check cannot read: plain strings then
        }
      }
      // Mostly not blank (names are trimmed, then must not be empty), so that valid bodies are valid.
      return fc
        .oneof(
          fc.string({ minLength: min, maxLength: max }),
          fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
        )
        .map((t) => (min > 0 && t.trim() === '' ? `a${t}`.slice(0, max) : t));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (depth > 6) return fc.constant([]);
      const items = schema.items ? arbitraryOf(schema.items, defs, depth + 1, key) : fc.jsonValue();
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 12) });
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record = {};
      for (const [k, s] of Object.entries(props)) record[k] = arbitraryOf(s, defs, depth + 1, k);
      if (Object.keys(props).length === 0) {
        return schema.additionalProperties && typeof schema.additionalProperties === 'object'
          ? fc.dictionary(fc.string({ maxLength: 10 }), arbitraryOf(schema.additionalProperties, defs, depth + 1), {
              maxKeys: 4,
            })
          : fc.constant({});
      }
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function jsonSchemaOf(zodSchema) {
  const j = z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' });
  return { root: j, defs: j.$defs ?? {} };
}

/** Malformed versions of a valid body. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constant('x'.repeat(200_000)),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant("'; drop table patients; --"),
);

function mutate(valid, choice, pick, wrong) {
  if (valid === null || typeof valid !== 'object' || Array.isArray(valid)) return wrong;
  const keys = Object.keys(valid);
  const copy = { ...valid };
  const key = keys.length ? keys[pick % keys.length] : 'x';
  switch (choice) {
    case 'wrong-type':
      copy[key] = wrong;
      return copy;
    case 'missing':
      delete copy[key];
      return copy;
    case 'extra':
      copy[`extra${pick % 3}`] = wrong;
      copy.organisationId = randomUUID();
      return copy;
    default:
      return copy;
  }
}

const badParam = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(5000)),
  fc.constant('../../etc/passwd'),
  fc.constant("1' or '1'='1"),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.uuid(),
  fc.constant('%00'),
);

/** One request descriptor for `name`: { name, method, path, body?, rawBody?, headers, variant }. */
function requestArbitrary(name, route) {
  const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const paramArbs = {};
  for (const p of paramNames) {
    const good =
      p === 'token' ? fc.nat().map((n) => (pool.tokens.length ? pool.tokens[n % pool.tokens.length] : 'x')) : poolId(p);
    const fromSchema = p === 'instrumentId' ? fc.constantFrom('phq-9', 'gad-7', 'who-5', 'wsas', 'nope') : good;
    paramArbs[p] = fc.oneof({ weight: 8, arbitrary: fromSchema }, { weight: 2, arbitrary: badParam });
  }
  const params = paramNames.length ? fc.record(paramArbs) : fc.constant({});
  let body = fc.constant(undefined);
  if (route.body) {
    const { root, defs } = jsonSchemaOf(route.body);
    const valid = arbitraryOf(root, defs);
    body = fc.oneof(
      { weight: 55, arbitrary: valid.map((b) => ({ variant: 'valid', body: b })) },
      {
        weight: 30,
        arbitrary: fc
          .tuple(valid, fc.constantFrom('wrong-type', 'missing', 'extra'), fc.nat(), wrongValue)
          .map(([b, choice, pick, wrong]) => ({ variant: choice, body: mutate(b, choice, pick, wrong) })),
      },
      { weight: 10, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((b) => ({ variant: 'random-json', body: b })) },
      {
        weight: 5,
        arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((t) => ({ variant: 'not-json', rawBody: t })),
      },
      {
        weight: 5,
        arbitrary: fc.constant({ variant: 'huge', rawBody: JSON.stringify({ note: 'é'.repeat(2_000_000) }) }),
      },
    );
  } else if (route.method !== 'GET') {
    body = fc.oneof(
      { weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((b) => ({ variant: 'unwanted-body', body: b })) },
    );
  }
  const ifMatch = route.ifMatch
    ? fc.oneof(
        { weight: 6, arbitrary: fc.nat({ max: 4 }).map((n) => `"${n}"`) },
        { weight: 6, arbitrary: fc.constantFrom('"0"', '"1"') },
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
      )
    : fc.constant(undefined);
  return fc.tuple(params, body, ifMatch).map(([p, b, m]) => {
    const urlPath = route.path.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(String(p[k])));
    const headers = {};
    if (m !== undefined) headers['if-match'] = m;
    return {
      name,
      method: route.method,
      path: urlPath,
      variant: b?.variant ?? (paramNames.length ? 'params' : 'plain'),
      ...(b && 'body' in b ? { body: b.body } : {}),
      ...(b && 'rawBody' in b ? { rawBody: b.rawBody } : {}),
      headers,
    };
  });
}

/** The pool an `id` under this key (or in the answer of this route) belongs to. */
function hintOf(key) {
  const k = key.toLowerCase();
  if (/record|revision/.test(k)) return 'record';
  if (/patient/.test(k)) return 'patient';
  if (/^course$|^courses$/.test(k)) return 'course';
  if (/^sessions?$/.test(k)) return 'session';
  if (/administration/.test(k)) return 'administration';
  if (/^users?$|^member|^supervis/.test(k)) return 'user';
  if (
    /episode|lifeevent|inventory|analys|roleplay|decision|rupture|work|termination|relapse|contract|formulation|snapshot|problemarea|facts|midcourse/.test(
      k,
    )
  ) {
    return 'record';
  }
  return null;
}

/** Every id (by the key it sits under) and link token in an answer goes into the pools. */
function harvest(value, hint, depth = 0) {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) harvest(v, hint, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v) && (k === 'id' || k.endsWith('Id'))) {
      const kind = k === 'id' ? (hint ?? 'other') : poolOfName(k) === 'other' ? (hintOf(k) ?? 'other') : poolOfName(k);
      if (pool[kind].length < 500 && !pool[kind].includes(v)) pool[kind].push(v);
    } else if (typeof v === 'string' && k === 'token') {
      if (pool.tokens.length < 200) pool.tokens.push(v);
    } else harvest(v, hintOf(k), depth + 1);
  }
}

// ---------- the database afterwards ----------

async function openDb(kind, dataDir, pgDb) {
  if (kind === 'sqlite') {
    const db = new Database(path.join(dataDir, 'ipt.sqlite'), { readonly: true, fileMustExist: true });
    return { all: async (sql) => db.prepare(sql).all(), close: async () => db.close() };
  }
  const client = new pgDb.pg.Client({ connectionString: pgDb.url });
  await client.connect();
  return { all: async (sql) => (await client.query(sql)).rows, close: () => client.end() };
}

async function counts(db) {
  const out = {};
  for (const table of Object.keys(CREATES))
    out[table] = Number((await db.all(`select count(*) as n from ${table}`))[0].n);
  return out;
}

async function consistency(db, before, twoXx) {
  const problems = [];
  const after = await counts(db);
  for (const [table, names] of Object.entries(CREATES)) {
    const acked = names.reduce((s, n) => s + (twoXx[n] ?? 0), 0);
    const grew = after[table] - before[table];
    if (grew !== acked) problems.push(`${table}: grew by ${grew}, but ${names.join('+')} answered 2xx ${acked} times`);
  }
  const adms = await db.all(
    `select a.id, a.flags_json, a.answers_json, (select count(*) from risk_flags f where f.administration_id = a.id) as n
       from administrations a`,
  );
  for (const a of adms) {
    let flagsCount;
    try {
      const f = JSON.parse(a.flags_json);
      if (!Array.isArray(JSON.parse(a.answers_json)))
        problems.push(`administration ${a.id}: answers_json not an array`);
      flagsCount = Array.isArray(f) ? f.length : Number.NaN;
    } catch {
      problems.push(`administration ${a.id}: flags_json or answers_json does not parse`);
      continue;
    }
    if (flagsCount !== Number(a.n))
      problems.push(`administration ${a.id}: ${flagsCount} flags scored, ${a.n} risk flag rows`);
  }
  for (const r of await db.all('select id, kind, data_json from course_records')) {
    try {
      const v = JSON.parse(r.data_json);
      if (v === null || typeof v !== 'object') problems.push(`course record ${r.id} (${r.kind}): not an object`);
    } catch {
      problems.push(`course record ${r.id} (${r.kind}): data_json does not parse`);
    }
  }
  const seq = (await db.all('select count(*) as n, max(seq) as m from audit_events'))[0];
  const head = (await db.all('select seq from audit_chain_head'))[0];
  if (Number(seq.n) !== Number(seq.m) || Number(head.seq) !== Number(seq.m)) {
    problems.push(`audit: ${seq.n} events, highest #${seq.m}, head at #${head.seq}`);
  }
  return { problems, administrations: adms.length, auditEvents: Number(seq.n), after };
}

// ---------- the run ----------

async function fuzzRun(kind, total, seedOffset) {
  let pgDb = null;
  if (kind === 'postgresql') {
    pgDb = await freshPostgres();
    if (!pgDb) return null;
  }
  const { env, dataDir, remove } = freshEnv(pgDb?.url);
  let server = await startCli(env);
  const histogram = {};
  const twoXx = {};
  const fiveHundreds = [];
  let sent = 0;
  let resetOnHuge = 0;
  const perRoute = {};
  try {
    const url = server.url;
    const login = (role) => server.logins.find((l) => l.role === role);
    const adminFirst = await signIn(url, login('admin').email, login('admin').password);
    const extra = [
      ...(await addUsers(url, adminFirst, 'clinician', 1, `fuzz-${kind}`)),
      ...(await addUsers(url, adminFirst, 'trainee', 1, `fuzz-${kind}`)),
      ...(await addUsers(url, adminFirst, 'facilitator', 1, `fuzz-${kind}`)),
      ...(await addUsers(url, adminFirst, 'patient', 1, `fuzz-${kind}`)),
    ];
    const signedIn = async (u) => ({ ...u, cookie: await signIn(url, u.email, u.password) });
    const clients = [
      { role: 'anonymous', cookie: undefined },
      ...(await Promise.all(
        [login('admin'), login('supervisor'), login('clinician'), login('clinician'), ...extra].map(signedIn),
      )),
    ];
    const admin = clients[1].cookie;
    /**
     * A session the fuzz itself ended (five wrong passwords to unlockKiosk end it, as ADR 0017 says; so can a
     * successful two-step change) is signed in again, so that the rest of the run is not all 401s.
     */
    const renew = (client) => {
      client.renewing ??= signIn(url, client.email, client.password).then((cookie) => {
        client.cookie = cookie;
        client.renewals = (client.renewals ?? 0) + 1;
        client.renewing = undefined;
      });
      return client.renewing;
    };
    // Real ids to aim at: the demo caseload, its courses, sessions, administrations, users.
    const clinician = clients[3].cookie;
    harvest((await ok(url, 'GET', '/api/users', { cookie: admin })).json, 'user');
    for (const i of (await ok(url, 'GET', '/api/instruments', { cookie: clients[3].cookie })).json) {
      pool.versions.push(i.version);
    }
    const caseload = (await ok(url, 'GET', '/api/patients', { cookie: clinician })).json;
    harvest(caseload, null);
    for (const item of caseload) {
      if (!item.course) continue;
      harvest((await ok(url, 'GET', `/api/courses/${item.course.id}`, { cookie: clinician })).json, 'course');
      harvest(
        (await ok(url, 'GET', `/api/courses/${item.course.id}/administrations`, { cookie: clinician })).json,
        'administration',
      );
      harvest(
        (await ok(url, 'GET', `/api/courses/${item.course.id}/initial-phase`, { cookie: clinician })).json,
        'record',
      );
      harvest(
        (await ok(url, 'GET', `/api/courses/${item.course.id}/middle-phase`, { cookie: clinician })).json,
        'record',
      );
    }
    const before = await (async () => {
      const db = await openDb(kind, dataDir, pgDb);
      try {
        return await counts(db);
      } finally {
        await db.close();
      }
    })();
    const names = Object.keys(routes).filter((n) => !SKIPPED.has(n));
    const arbs = names.map((n) => requestArbitrary(n, routes[n]));
    // Half the requests as the two clinician sessions (the care team of the demo caseload: most writes can
    // succeed), the rest spread over every role and no session.
    const clientIndex = fc.oneof(fc.constantFrom(3, 4), fc.nat({ max: clients.length - 1 }));
    const pick = fc.tuple(fc.nat({ max: names.length - 1 }), clientIndex);
    let seed = opts.seed + seedOffset;
    const queue = [];
    const next = () => {
      if (queue.length === 0) {
        const picks = fc.sample(pick, { numRuns: 200, seed: seed++ });
        for (const [r, c] of picks) queue.push([arbs[r], clients[c]]);
      }
      const [arb, client] = queue.shift();
      return { req: fc.sample(arb, { numRuns: 1, seed: seed++ })[0], client };
    };
    const t0 = Date.now();
    const worker = async () => {
      while (sent < total) {
        sent++;
        const { req, client } = next();
        const r = await request(url, req.method, req.path, {
          cookie: client.cookie,
          headers: req.headers,
          ...('body' in req ? { body: req.body } : {}),
          ...('rawBody' in req ? { rawBody: req.rawBody } : {}),
        });
        histogram[r.status] = (histogram[r.status] ?? 0) + 1;
        perRoute[req.name] ??= {};
        perRoute[req.name][r.status] = (perRoute[req.name][r.status] ?? 0) + 1;
        if (process.env.FUZZ_DEBUG === req.name && req.variant === 'valid') {
          process.stderr.write(
            `${client.role} ${req.path} ${JSON.stringify(req.body).slice(0, 300)} → ${r.status} ${r.text?.slice(0, 200)}\n`,
          );
        }
        if (r.status === 401 && client.email && req.name !== 'login') await renew(client);
        if (r.status >= 200 && r.status < 300) {
          twoXx[req.name] = (twoXx[req.name] ?? 0) + 1;
          harvest(r.json, hintOf(req.name.replace(/^(create|get|put|update|list)/, '')));
        }
        if (r.status === 0 && req.variant === 'huge') {
          resetOnHuge++;
        } else if (r.status >= 500 || r.status === 0) {
          fiveHundreds.push({
            route: req.name,
            role: client.role,
            request: `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers)} ${String(req.rawBody ?? JSON.stringify(req.body)).slice(0, 500)}`,
            answer: `${r.status} ${r.text?.slice(0, 300) ?? r.error}`,
          });
        }
        if (sent % 1000 === 0) process.stderr.write(`${kind}: ${sent}/${total} in ${(Date.now() - t0) / 1000} s\n`);
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    const seconds = (Date.now() - t0) / 1000;
    await server.stop();
    server = null;
    const db = await openDb(kind, dataDir, pgDb);
    let check;
    try {
      check = await consistency(db, before, twoXx);
    } finally {
      await db.close();
    }
    const verify = await auditVerify(env);
    const renewals = clients.reduce((n, c) => n + (c.renewals ?? 0), 0);
    return { kind, sent, seconds, histogram, perRoute, twoXx, fiveHundreds, resetOnHuge, renewals, check, verify };
  } finally {
    await server?.stop();
    remove();
    await pgDb?.drop();
  }
}

const kinds = opts.db.split(',').map((k) => k.trim());
const results = [];
for (const [i, kind] of kinds.entries()) {
  const r = await fuzzRun(kind, Math.ceil(opts.requests / kinds.length), i * 10_000_000);
  if (r) results.push(r);
}
let failed = results.length === 0;
console.log(`\nFuzz from the contract: seed ${opts.seed}, concurrency ${opts.concurrency}`);
for (const r of results) {
  const hist = Object.entries(r.histogram)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  const fives = r.fiveHundreds.length;
  console.log(`\n${r.kind}: ${r.sent} requests in ${r.seconds} s (${(r.sent / r.seconds).toFixed(0)}/s)`);
  console.log(`  status histogram: ${hist}`);
  console.log(`  answers ≥ 500 or dropped: ${fives}`);
  console.log(`  sessions ended by the fuzz and signed in again: ${r.renewals}`);
  console.log(
    `  connections closed by the server while a 2 MB body was still being sent (after its 413; the client saw no answer): ${r.resetOnHuge}`,
  );
  for (const f of r.fiveHundreds.slice(0, 10))
    console.log(`    ${f.route} as ${f.role}: ${f.request}\n      → ${f.answer}`);
  const writes = Object.entries(r.perRoute)
    .filter(([n]) => routes[n].method !== 'GET')
    .map(([n, h]) => `${n} ${r.twoXx[n] ?? 0}/${Object.values(h).reduce((x, y) => x + y, 0)}`)
    .join(', ');
  console.log(`  writes, 2xx/sent: ${writes}`);
  if (process.env.FUZZ_ROUTES) console.log(JSON.stringify(r.perRoute));
  console.log(
    `  consistency: ${r.check.problems.length === 0 ? 'ok' : 'FAILED'} (${r.check.administrations} administrations, ${r.check.auditEvents} audit events, rows: ${JSON.stringify(r.check.after)})`,
  );
  for (const p of r.check.problems.slice(0, 10)) console.log(`    ${p}`);
  console.log(`  ipt audit verify: exit ${r.verify.code}: ${r.verify.text.split('\n')[0]}`);
  if (fives || r.check.problems.length || !r.verify.ok) failed = true;
}
const total = results.reduce((s, r) => s + r.sent, 0);
const totalFives = results.reduce((s, r) => s + r.fiveHundreds.length, 0);
console.log(`\nTotal: ${total} requests, ${totalFives} answers ≥ 500`);
console.log(failed ? 'FAILED' : 'PASSED');
process.exit(failed ? 1 : 0);

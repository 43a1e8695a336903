/**
 * The web client's budget bench: what a browser loads and how soon it can be used, for the three pages a clinician
 * opens most — sign-in, the caseload and a patient's page — each opened cold (a new browser context: empty cache,
 * no service worker) in Debian's Chromium against the real server with the demo clinic and the built app.
 *
 * For each page and network profile, the median of BENCH_WEB_RUNS loads:
 *
 * - initial JS: the script files the page loaded until it showed its heading and the network went quiet; their
 *   bytes on the wire (the encoded body: brotli or gzip when the server compresses), as gzip -9 (the budget's
 *   measure, whatever the server sends) and decoded;
 * - requests: every request of that load, the document included;
 * - LCP: the largest contentful paint before any input;
 * - one interaction, as a user would do it: its INP (the longest Event Timing entry of the interaction: from the
 *   input to the next paint) and the response (from the pointer going down to the paint after what it asked for
 *   appeared: the next page, or the form's errors).
 *
 * Budget: initial JS ≤ 170 KB gzip on the sign-in and caseload pages.
 *
 * It prints figures and asserts nothing. Progress goes to stderr, the report to stdout and bench/results/.
 * Settings (environment): BENCH_WEB_RUNS (5), BENCH_WEB_PROFILES (loopback,mobile), BENCH_WEB_ROOT (the built app
 * to serve; packages/web/dist), BENCH_WEB_CHROMIUM (/usr/bin/chromium).
 */
/* global window, document, PerformanceObserver, MutationObserver, requestAnimationFrame, addEventListener */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CLINICIAN_EMAIL, loginAsClinician, pickDemoPatient } from '../api/fixtures.js';
import { fmt, machineFacts, positiveEnv, saveResults } from '../api/report.js';
import { startServerProcess } from '../api/start-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.resolve(here, '../results');
const DEFAULT_WEB_ROOT = path.resolve(here, '../../packages/web/dist');
/** Initial JS, gzip -9 KB, the sign-in and caseload pages must stay within. */
export const BUDGET_GZIP_KB = 170;

const log = (msg) => process.stderr.write(`[bench:web] ${msg}\n`);

/**
 * Network and CPU as the page sees them. `mobile` is Lighthouse's mobile profile (150 ms round trip, 1.6 Mbit/s
 * down, 750 kbit/s up, CPU slowed 4×), applied by Chromium's own throttling, which counts the bytes as they come
 * off the wire (compressed).
 */
const PROFILES = {
  loopback: { label: 'loopback', network: null, cpuRate: 1 },
  mobile: {
    label: 'mobile (150 ms, 1.6 Mbit/s, CPU ÷4)',
    network: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
    cpuRate: 4,
  },
};

function readSettings(env = process.env) {
  const profiles = (env.BENCH_WEB_PROFILES || 'loopback,mobile').split(',').map((p) => p.trim());
  for (const p of profiles) if (!PROFILES[p]) throw new Error(`BENCH_WEB_PROFILES: no profile ${p}`);
  const webRoot = path.resolve(env.BENCH_WEB_ROOT || DEFAULT_WEB_ROOT);
  if (!fs.existsSync(path.join(webRoot, 'index.html')))
    throw new Error(`No built app at ${webRoot}: run npm run -s build -w @ipt/web (npm run bench:web does).`);
  return {
    runs: Math.round(positiveEnv(env, 'BENCH_WEB_RUNS', 5)),
    profiles,
    webRoot,
    chromium: env.BENCH_WEB_CHROMIUM || '/usr/bin/chromium',
  };
}

/**
 * Installed before any script of the page runs: LCP and Event Timing observers, and the time of the last pointer
 * down (the start of a response).
 */
function observeInPage() {
  const bench = { lcp: 0, events: [], pointerDown: 0 };
  Object.defineProperty(window, '__bench', { value: bench });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  const keep = (list) => {
    for (const e of list.getEntries())
      bench.events.push({ name: e.name, duration: e.duration, interactionId: e.interactionId ?? 0 });
  };
  new PerformanceObserver(keep).observe({ type: 'event', buffered: true, durationThreshold: 16 });
  new PerformanceObserver(keep).observe({ type: 'first-input', buffered: true });
  addEventListener('pointerdown', (e) => (bench.pointerDown = e.timeStamp), { capture: true });
}

/**
 * In the page: resolves once `test` holds for the document, at the paint after (two frames, then a task), with the
 * milliseconds since the last pointer down.
 */
function armResponse(test) {
  const holds = new Function('document', `return (${test})(document)`);
  window.__benchResponse = new Promise((resolve) => {
    const done = () =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - window.__bench.pointerDown)));
    const observer = new MutationObserver(() => {
      if (!holds(document)) return;
      observer.disconnect();
      done();
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** The three pages: where each is, how to know it has loaded, and the interaction measured on it. */
function pages(patientId, patientName, password) {
  const h1Is = (text) =>
    `(d) => [...d.querySelectorAll('h1')].some((h) => h.textContent.trim() === ${JSON.stringify(text)})`;
  return [
    {
      key: 'sign-in',
      path: '/login',
      signedIn: false,
      loaded: h1Is('Sign in'),
      interaction: 'sign in → caseload shown',
      async interact(page) {
        await page.locator('input[type=email]').fill(CLINICIAN_EMAIL);
        await page.locator('input[type=password]').fill(password);
        return { test: h1Is('Caseload'), act: () => page.locator('form button[type=submit]').click() };
      },
    },
    {
      key: 'caseload',
      path: '/',
      signedIn: true,
      loaded: h1Is('Caseload'),
      interaction: 'open a patient → patient shown',
      async interact(page) {
        const link = page.locator('table.caseload tbody a', { hasText: patientName }).first();
        return { test: h1Is(patientName), act: () => link.click() };
      },
    },
    {
      key: 'patient',
      path: `/patients/${patientId}`,
      signedIn: true,
      loaded: h1Is(patientName),
      interaction: 'record a session with no number → errors shown',
      async interact(page) {
        const form = page.locator('form', { has: page.locator('input[name=number]') });
        await form.locator('input[name=number]').fill('');
        return {
          test: `(d) => d.querySelector('form input[name=number][aria-invalid=true]') !== null`,
          act: () => form.locator('button[type=submit]').click(),
        };
      },
    },
  ];
}

/**
 * Requests in flight, as the browser reports them. `quiet()` resolves once none has been in flight for QUIET_MS
 * (Playwright's own `networkidle` may already have fired in a pause while a throttled CPU parsed a script, before
 * the page asked for its data and its lazy chunks).
 */
const QUIET_MS = 1000;
function watchNetwork(page) {
  let inFlight = 0;
  let finished = 0;
  let last = Date.now();
  page.on('request', () => {
    inFlight++;
    last = Date.now();
  });
  const done = () => {
    inFlight--;
    finished++;
    last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    finished: () => finished,
    async quiet() {
      while (inFlight > 0 || Date.now() - last < QUIET_MS) await new Promise((r) => setTimeout(r, 100));
    },
  };
}

/** One cold load of one page, and its interaction. */
async function measureOnce(browser, baseUrl, spec, profile, login) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  try {
    if (spec.signedIn) {
      // Signed in through the context's own request client: the session cookie lands in the browser's jar as the
      // server set it (a __Host- cookie cannot be added by hand over http).
      const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: login });
      if (!res.ok()) throw new Error(`Sign-in for the bench answered ${res.status()}`);
    }
    await context.addInitScript(observeInPage);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
    if (profile.cpuRate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });

    const network = watchNetwork(page);
    await page.goto(baseUrl + spec.path, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction(spec.loaded, undefined, { timeout: 120_000 });
    await network.quiet();
    // A resource's timing entry (and the LCP entry) can land a little after its request finished: wait until the
    // page has an entry for every request the browser finished, the document aside, and has an LCP.
    await page.waitForFunction(
      (n) => performance.getEntriesByType('resource').length >= n && window.__bench.lcp > 0,
      network.finished() - 1,
      { timeout: 30_000 },
    );

    const loadFacts = await page.evaluate(() => {
      const resources = performance.getEntriesByType('resource').map((r) => ({
        url: r.name,
        initiator: r.initiatorType,
        transfer: r.transferSize,
        encoded: r.encodedBodySize,
        decoded: r.decodedBodySize,
      }));
      const [nav] = performance.getEntriesByType('navigation');
      return { resources, documentTransfer: nav?.transferSize ?? 0, lcp: window.__bench.lcp };
    });

    const { test, act } = await spec.interact(page);
    const before = await page.evaluate(() => window.__bench.events.length);
    await page.evaluate(armResponse, test);
    await act();
    const responseMs = await page.evaluate(() => window.__benchResponse);
    // Event Timing entries arrive after the paint they measure.
    await page.waitForTimeout(200);
    const events = await page.evaluate((from) => window.__bench.events.slice(from), before);
    const inp = events.reduce((max, e) => Math.max(max, e.duration), 0);

    const js = loadFacts.resources.filter((r) => new URL(r.url).pathname.endsWith('.js'));
    return {
      js,
      requests: loadFacts.resources.length + 1,
      wireAll: loadFacts.resources.reduce((s, r) => s + r.transfer, loadFacts.documentTransfer),
      lcp: loadFacts.lcp,
      inp,
      responseMs,
    };
  } finally {
    await context.close();
  }
}

/** gzip -9 bytes of each script, fetched once uncompressed: the budget's measure whatever the server sends. */
const gzipSizes = new Map();
async function gzipSize(url) {
  if (!gzipSizes.has(url)) {
    const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    const body = Buffer.from(await res.arrayBuffer());
    gzipSizes.set(url, zlib.gzipSync(body, { level: 9 }).length);
  }
  return gzipSizes.get(url);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (bytes) => fmt(bytes / 1024, 1);

async function measurePage(browser, baseUrl, spec, profile, login, runs) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measureOnce(browser, baseUrl, spec, profile, login));
  // The bytes are the same on every cold load; the first run's files are listed.
  const files = results[0].js;
  let gzip = 0;
  for (const f of files) gzip += await gzipSize(f.url);
  return {
    page: spec.key,
    profile: profile.label,
    interaction: spec.interaction,
    jsFiles: files.map((f) => new URL(f.url).pathname),
    jsCount: files.length,
    jsWire: median(results.map((r) => r.js.reduce((s, f) => s + f.encoded, 0))),
    jsDecoded: median(results.map((r) => r.js.reduce((s, f) => s + f.decoded, 0))),
    jsGzip: gzip,
    requests: median(results.map((r) => r.requests)),
    wireAll: median(results.map((r) => r.wireAll)),
    lcp: median(results.map((r) => r.lcp)),
    inp: median(results.map((r) => r.inp)),
    responseMs: median(results.map((r) => r.responseMs)),
    runs: results.map(({ js: _js, ...r }) => r),
  };
}

const COLUMNS = [
  'page',
  'profile',
  'JS files',
  'JS wire KB',
  'JS gzip KB',
  'JS decoded KB',
  'requests',
  'all wire KB',
  'LCP ms',
  'interaction',
  'INP ms',
  'response ms',
  'budget',
];

function table(rows) {
  const lines = [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map((_, i) => (i < 2 || i === 9 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const r of rows) {
    const budgeted = r.page === 'sign-in' || r.page === 'caseload';
    const budget = budgeted ? `${r.jsGzip / 1024 <= BUDGET_GZIP_KB ? 'within' : 'OVER'} ${BUDGET_GZIP_KB}` : '';
    const cells = [
      r.page,
      r.profile,
      String(r.jsCount),
      kb(r.jsWire),
      kb(r.jsGzip),
      kb(r.jsDecoded),
      String(r.requests),
      kb(r.wireAll),
      fmt(r.lcp, 0),
      r.interaction,
      fmt(r.inp, 0),
      fmt(r.responseMs, 0),
      budget,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main() {
  const settings = readSettings();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-bench-web-'));
  const facts = machineFacts(tmpRoot);
  log(`serving ${settings.webRoot}`);
  const server = await startServerProcess(path.join(tmpRoot, 'data'), undefined, { webRoot: settings.webRoot });
  const browser = await chromium.launch({
    executablePath: settings.chromium,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const chromiumVersion = browser.version();
  const rows = [];
  try {
    const cookie = await loginAsClinician(server.url, server.demoLogins);
    const { patientId } = await pickDemoPatient(server.url, cookie);
    const patient = await (await fetch(`${server.url}/api/patients/${patientId}`, { headers: { cookie } })).json();
    const { email, password } = server.demoLogins.find((l) => l.email === CLINICIAN_EMAIL);
    const login = { email, password };
    for (const key of settings.profiles) {
      for (const spec of pages(patientId, patient.patient.displayName, password)) {
        log(`${spec.key}, ${key}: ${settings.runs} cold loads`);
        rows.push(await measurePage(browser, server.url, spec, PROFILES[key], login, settings.runs));
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    // The data dir and the audit key the server made beside it (docs/decisions/0016) are both under tmpRoot.
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
  const markdown = [
    `# Web client budget (${facts.date})`,
    '',
    `Chromium ${chromiumVersion}, ${settings.runs} cold loads per row (median); commit ${facts.commit}; ${facts.cores} cores, load ${fmt(facts.loadAverage, 2)}; app ${path.relative(process.cwd(), settings.webRoot) || settings.webRoot}`,
    '',
    table(rows),
    '',
    ...rows.map((r) => `- ${r.page}, ${r.profile}: ${r.jsFiles.join(', ')}`),
  ].join('\n');
  process.stdout.write(`${markdown}\n`);
  const saved = saveResults(RESULTS_DIR, markdown, { facts, settings, rows }, 'web');
  log(`saved ${path.relative(process.cwd(), saved.md)} and .json`);
}

await main();

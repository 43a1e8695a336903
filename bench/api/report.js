/** The printed report: machine facts, one Markdown table, and the files under bench/results/. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Facts that decide how the figures compare with another run's. */
export function machineFacts(tmpRoot) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cores: os.availableParallelism(),
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    // A tmpfs temp dir would make every fsync free and the durable figures meaningless: say where the files were.
    tmpDir: `${tmpRoot} (${fsType(tmpRoot)})`,
    commit: gitCommit(),
    // Other work on the machine skews every figure; the load average before the run shows whether it was quiet.
    loadAverage: os.loadavg()[0],
  };
}

function fsType(dir) {
  try {
    return execFileSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).trim();
  } catch {
    return 'filesystem type unknown';
  }
}

function gitCommit() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

const COLUMNS = [
  'database',
  'scenario',
  'req/s',
  'p50 ms',
  'p99 ms',
  'non-2xx',
  'ratio to trivial',
  'ratio to raw durable commit',
];

/**
 * rows: { database, scenario, result, trivialRps?, rawCommitRps? }. The ratios are left blank where they do not
 * apply: only server scenarios compare with the trivial endpoint, only writes with the raw commit.
 */
export function markdownTable(rows) {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const { database, scenario, result: r, trivialRps, rawCommitRps } of rows) {
    const cells = [
      database,
      scenario,
      fmt(r.rps, 0),
      fmt(r.p50, 2),
      fmt(r.p99, 2),
      errorsCell(r),
      trivialRps ? fmt(r.rps / trivialRps, 3) : '',
      rawCommitRps ? fmt(r.rps / rawCommitRps, 3) : '',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** non-2xx answers, plus socket errors and timeouts when there were any: both mean requests that did not succeed. */
export function errorsCell(r) {
  const failures = (r.errors ?? 0) + (r.timeouts ?? 0);
  return failures > 0 ? `${r.non2xx} (+${failures} errors)` : String(r.non2xx);
}

/** A number for the table, en-GB grouping; n/a when not finite. */
export function fmt(n, digits) {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function headerLines(facts, settings) {
  return [
    '# IPT Workbench API benchmark',
    '',
    `- ${facts.date}, commit ${facts.commit}`,
    `- ${facts.cores} cores (${facts.cpu}), ${facts.memoryGiB} GiB, ${facts.platform}, Node ${facts.node}`,
    `- temp files: ${facts.tmpDir}; 1-minute load average before the run ${facts.loadAverage.toFixed(2)}`,
    `- load: autocannon on loopback, ${settings.connections} connections, ${settings.seconds} s per scenario after a ` +
      `${settings.warmupSeconds} s warm-up; server in its own process; raw commits ${settings.rawSeconds} s each`,
    ...settings.databases.map((d) => `- ${d}`),
  ];
}

/**
 * Writes <prefix>-<timestamp>.md (what was printed) and <prefix>-<timestamp>.json (every figure) under bench/results/.
 */
export function saveResults(resultsDir, markdown, data, prefix = 'api') {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = data.facts.date.replace(/[:.]/g, '-');
  const md = path.join(resultsDir, `${prefix}-${stamp}.md`);
  const json = path.join(resultsDir, `${prefix}-${stamp}.json`);
  fs.writeFileSync(md, `${markdown}\n`);
  fs.writeFileSync(json, `${JSON.stringify(data, null, 2)}\n`);
  return { md, json };
}

/** A positive number from the environment, or the default; anything else stops the run with the variable named. */
export function positiveEnv(env, name, fallback) {
  const v = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number, not ${env[name]}`);
  return v;
}

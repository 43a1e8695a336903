// Installs what is missing before `npm start` and `npm test`, so each is one command on a fresh clone.
// Runs on whatever Node the machine has (it may predate the pinned one), so: plain JavaScript, no dependencies.
// The npm scripts call the next step through `npm run`, never `node` in the same shell: the shell would reuse the
// system Node it found before the pinned one was installed.
//   --browser  also make sure Chromium is there for the end-to-end tests (from Debian's packages when permitted).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const say = (msg) => process.stdout.write(`[setup] ${msg}\n`);

function installedIsCurrent() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!fs.existsSync(marker)) return false;
  const nodeBin = path.join(root, 'node_modules', '.bin', 'node');
  if (!fs.existsSync(nodeBin)) return false;
  return fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
}

if (!installedIsCurrent()) {
  say('installing dependencies from package-lock.json (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

export const chromiumPath = '/usr/bin/chromium';

/** Whether a program is on the PATH. */
function onPath(program) {
  try {
    execFileSync('which', [program], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The end-to-end tests drive Chromium; the document tests read PDFs with poppler (pdftotext, pdftoppm).
const missing = [];
if (process.argv.includes('--browser')) {
  if (!fs.existsSync(chromiumPath))
    missing.push({ what: `Chromium at ${chromiumPath}`, packages: ['chromium', 'fonts-dejavu-core'] });
  if (!onPath('pdftotext') || !onPath('pdftoppm')) {
    missing.push({ what: 'pdftotext and pdftoppm', packages: ['poppler-utils'] });
  }
}

if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const names = missing.flatMap((m) => m.packages);
  if (!isRoot || !onPath('apt-get')) {
    process.stderr.write(
      `[setup] Missing: ${missing.map((m) => m.what).join('; ')}. They cannot be installed here ` +
        `(needs root and apt-get). Install Debian's ${names.map((n) => `"${n}"`).join(', ')} package(s), then run npm test again.\n`,
    );
    process.exit(1);
  }
  say(`installing ${names.join(', ')} from Debian packages for the end-to-end and document tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: 'inherit', env });
}

#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order that fails fastest.
// Type checks, lint and the layering rules (.dependency-cruiser.cjs) first, then the editor
// build, then every vitest project (unit and integration against a real embedded Postgres).
// Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(title, cmd, args) {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`\n${title} failed after ${secs}s\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`== ${title}: ok (${secs}s)\n`);
}

/**
 * Browser tests drive Debian's Chromium. Install it when missing and we are allowed to (root, as
 * on these machines and in CI); otherwise those tests skip and say so.
 */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    process.stdout.write('\n== chromium: missing and not root, browser tests will be skipped\n');
    return;
  }
  step('install chromium (Debian package)', 'bash', [
    '-c',
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
  ]);
}

const extra = process.argv.slice(2);
if (extra.length === 0) {
  step('typecheck', npm, ['run', '--silent', 'typecheck']);
  step('lint', npm, ['run', '--silent', 'lint']);
  step('layering rules (dependency-cruiser)', npm, ['run', '--silent', 'layers']);
  step('editor build', npm, ['run', '--silent', 'build']);
}
ensureChromium();

const report = join(mkdtempSync(join(tmpdir(), 'paybridge-vitest-')), 'report.json');
process.stdout.write('\n== tests\n');
const r = spawnSync(
  npx,
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extra,
  ],
  { stdio: 'inherit', env: process.env },
);
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  // A file that fails to load counts as a failure even though none of its tests ran.
  failed = json.numFailedTests || json.numFailedTestSuites || 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
if (r.status !== 0 && failed === 0) failed = 1;
process.stdout.write(
  `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exit(r.status ?? 1);

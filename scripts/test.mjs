#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order that fails fastest.
// Type checks beside lint, the layering rules (.dependency-cruiser.cjs) and the editor build
// (two lanes, one per core), then every vitest project (unit and integration against a real
// embedded Postgres). Ends with one "N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { Buffer } from 'node:buffer';
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

/** Runs one step with its output kept, so that two lanes' logs do not interleave. */
function buffered(title, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { env: { ...process.env, FORCE_COLOR: '0' } });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (status) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      resolve({ title, status, secs, output: Buffer.concat(chunks).toString() });
    });
  });
}

/** Runs steps one after another, stopping at the first that fails. */
async function lane(steps) {
  const results = [];
  for (const [title, cmd, args] of steps) {
    const result = await buffered(title, cmd, args);
    results.push(result);
    if (result.status !== 0) break;
  }
  return results;
}

/**
 * The static checks are independent and each mostly single-threaded, so the slow type check
 * runs beside the others instead of before them.
 */
async function staticChecks() {
  process.stdout.write('\n== typecheck | lint, layering rules, editor build (two lanes)\n');
  const lanes = await Promise.all([
    lane([['typecheck', npm, ['run', '--silent', 'typecheck']]]),
    lane([
      ['lint', npm, ['run', '--silent', 'lint']],
      ['layering rules (dependency-cruiser)', npm, ['run', '--silent', 'layers']],
      ['editor build', npm, ['run', '--silent', 'build']],
    ]),
  ]);
  let failedStep = null;
  for (const result of lanes.flat()) {
    process.stdout.write(`\n== ${result.title}\n${result.output}`);
    if (result.status !== 0) {
      process.stdout.write(`\n${result.title} failed after ${result.secs}s\n`);
      failedStep ??= result;
    } else {
      process.stdout.write(`== ${result.title}: ok (${result.secs}s)\n`);
    }
  }
  if (failedStep) {
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(failedStep.status ?? 1);
  }
}

const extra = process.argv.slice(2);
if (extra.length === 0) await staticChecks();
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

#!/usr/bin/env node
// Self time of a V8 CPU profile (`node --cpu-prof`) by package, so "where does the time go"
// reads as "postgres.js 38%, the engine 16%" rather than as thousands of functions.
//
//   node scripts/cpu-profile-summary.mjs <file.cpuprofile>... [--top 15] [--functions 10]
//
// Several files (a process and its worker threads) are summed.
//
// A frame belongs to the npm package whose node_modules folder holds its file, to the workspace
// package (apps/runtime, packages/engine ...) whose folder holds it, to `node:` internals, or to
// V8's own buckets ((garbage collector), (program), (idle)). Frames of the built runtime
// (dist/*.mjs) are mapped back through the bundle's source map to the file they came from, so
// the workspace packages compiled into it are told apart.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const maps = new Map();
/** The source map of a built file, if it has one beside it. */
function sourceMapOf(path) {
  if (!maps.has(path)) {
    const file = `${path}.map`;
    maps.set(path, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : null);
  }
  return maps.get(path);
}

/** The original file of a frame (through the source map for a bundle). */
function originalFile(callFrame) {
  const { url } = callFrame;
  if (!url.startsWith('file://')) return url;
  const path = fileURLToPath(url);
  const map =
    path.endsWith('.mjs') && path.includes(`${join('apps', 'runtime', 'dist')}`)
      ? sourceMapOf(path)
      : null;
  if (!map) return path;
  const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber);
  if (!entry?.originalSource) return path;
  const source = entry.originalSource;
  return source.startsWith('file://') ? fileURLToPath(source) : resolve(dirname(path), source);
}

/** The package a file belongs to. */
export function packageOf(file) {
  if (file === '') return '(native code: socket writes, V8 built-ins)';
  if (file.startsWith('node:')) return 'node: (built-in modules)';
  if (file.startsWith('(')) return file;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const rel = relative(ROOT, file);
  const m = /^(apps|packages)\/([^/]+)\//.exec(rel);
  return m ? `${m[1]}/${m[2]}` : rel;
}

/**
 * Self time in ms per package and per function, most first, over one or more profiles (a process
 * and its worker threads). With `fromUs`/`toUs` (V8's monotonic clock in µs, the same as
 * `process.hrtime` on Linux) only samples in that window count, e.g. the load, not the start.
 */
export function summarise(profiles, { fromUs = -Infinity, toUs = Infinity } = {}) {
  const self = new Map();
  const byId = new Map();
  for (const [p, profile] of (Array.isArray(profiles) ? profiles : [profiles]).entries()) {
    for (const n of profile.nodes) byId.set(`${p}:${n.id}`, n);
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      if (t < fromUs || t > toUs) continue;
      const id = `${p}:${profile.samples[i]}`;
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      self.set(id, (self.get(id) ?? 0) + dt);
    }
  }
  const packages = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    const cf = node.callFrame;
    const file = cf.url ? originalFile(cf) : cf.functionName.startsWith('(') ? cf.functionName : '';
    // A pool thread blocked in Atomics.wait for its next task is sampled there, yet idle.
    const pkg = cf.functionName === 'atomicsWaitLoop' ? '(idle)' : packageOf(file);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    const fn = `${cf.functionName || '(anonymous)'} ${file.startsWith('/') ? relative(ROOT, file) : file}`;
    if (pkg !== '(idle)') functions.set(fn, (functions.get(fn) ?? 0) + ms);
    total += ms;
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, packages: sorted(packages), functions: sorted(functions) };
}

/** The summary as lines: share of self time, excluding idle, per package then per function. */
export function summaryLines(summary, { top = 15, functions = 10 } = {}) {
  const idle = summary.packages.find(([p]) => p === '(idle)')?.[1] ?? 0;
  const busy = summary.total - idle;
  const pct = (ms) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  const lines = [
    `busy ${(busy / 1000).toFixed(2)} s of ${(summary.total / 1000).toFixed(2)} s profiled (idle left out)`,
  ];
  for (const [pkg, ms] of summary.packages.filter(([p]) => p !== '(idle)').slice(0, top)) {
    lines.push(`  ${pct(ms)}  ${pkg}`);
  }
  if (functions > 0) {
    lines.push('top functions by self time:');
    for (const [fn, ms] of summary.functions
      .filter(([f]) => !f.startsWith('(idle)'))
      .slice(0, functions)) {
      lines.push(`  ${pct(ms)}  ${fn}`);
    }
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rest = process.argv.slice(2);
  const files = rest.filter((a, k) => !a.startsWith('--') && !rest[k - 1]?.startsWith('--'));
  if (files.length === 0) {
    process.stderr.write(
      'usage: cpu-profile-summary.mjs <file.cpuprofile>... [--top N] [--functions N]\n',
    );
    process.exit(2);
  }
  const opt = (name, dflt) => {
    const i = rest.indexOf(name);
    return i >= 0 ? Number(rest[i + 1]) : dflt;
  };
  const summary = summarise(files.map((f) => JSON.parse(readFileSync(f, 'utf8'))));
  process.stdout.write(
    `${summaryLines(summary, { top: opt('--top', 15), functions: opt('--functions', 10) }).join('\n')}\n`,
  );
}

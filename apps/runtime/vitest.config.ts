import { defineProject } from 'vitest/config';

/**
 * Runtime tests run against a real Postgres: one embedded cluster for the whole run (global
 * setup), one fresh database per test file.
 */
export default defineProject({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

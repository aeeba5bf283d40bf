import { defineProject } from 'vitest/config';
import { serialRuntimeFiles } from './vitest.serial-files.ts';

/**
 * Runtime tests run against a real Postgres: one embedded cluster per project (global setup),
 * one fresh database per test file, so files run two at a time. The files in
 * `vitest.serial-files.ts` form the project `@paybridge/runtime-serial` and run alone.
 */
export default defineProject({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: serialRuntimeFiles,
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

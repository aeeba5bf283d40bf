import { defineProject } from 'vitest/config';
import { serialRuntimeFiles } from './vitest.serial-files.ts';

/**
 * Runtime tests run against a real Postgres: one embedded cluster per project (global setup),
 * one fresh database per test file, so files run two at a time. The files in
 * `vitest.serial-files.ts` form the project `@paybridge/runtime-serial` and run alone.
 *
 * `isolate: false`: a worker keeps its imported modules from one file to the next instead of
 * loading the runtime's whole module graph again for each file (about 3 s a file on two busy
 * cores, more than half of this project's wall time). Files share no state through modules: each
 * starts its own runtime on its own database, and none mocks a module or stubs a global.
 */
export default defineProject({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: serialRuntimeFiles,
    isolate: false,
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

import { defineProject } from 'vitest/config';
import { serialRuntimeFiles } from './vitest.serial-files.ts';

/**
 * The runtime tests that must not share the machine with another file (see the list). They run
 * one after another in a single worker that keeps its modules between files (`isolate: false`
 * with one worker), after every parallel file (`groupOrder` 1) and before the browser tests.
 */
export default defineProject({
  test: {
    name: '@paybridge/runtime-serial',
    include: serialRuntimeFiles,
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    isolate: false,
    sequence: { groupOrder: 1 },
  },
});

import { defineProject } from 'vitest/config';
import { serialRuntimeFiles } from './vitest.serial-files.ts';

/**
 * The runtime tests that must not share the machine with another file (see the list). They run
 * one after another, after every parallel file (`groupOrder` 1) and before the browser tests,
 * each in a fresh worker (unlike the other projects), so that no earlier file's heap or leftover
 * handles reach the latency-bound ones.
 */
export default defineProject({
  test: {
    name: '@paybridge/runtime-serial',
    include: serialRuntimeFiles,
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { groupOrder: 1 },
  },
});

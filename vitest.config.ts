import { defineConfig } from 'vitest/config';

/**
 * One `vitest` run covers every workspace: each listed folder is a project with its own config.
 * Two files run at a time (one per core); projects that set `fileParallelism: false` (the
 * runtime's process-killing and latency-bound files, then the browser tests: see their
 * `sequence.groupOrder`) run afterwards, one file at a time. Every project but the serial runtime
 * files sets `isolate: false`: a worker keeps its imported modules from one file to the next.
 */
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      'packages/engine',
      'packages/nodes',
      'packages/sandbox',
      'packages/fraud',
      'apps/runtime',
      'apps/runtime/vitest.serial.config.ts',
      'apps/editor',
      'e2e',
    ],
  },
});

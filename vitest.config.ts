import { defineConfig } from 'vitest/config';

/**
 * One `vitest` run covers every workspace: each listed folder is a project with its own config.
 * Two files run at a time (one per core); projects that set `fileParallelism: false` (the
 * browser tests and the runtime's process-killing and latency-bound files) run afterwards, one
 * file at a time.
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

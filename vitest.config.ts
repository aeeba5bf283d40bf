import { defineConfig } from 'vitest/config';

/** One `vitest` run covers every workspace: each listed folder is a project with its own config. */
export default defineConfig({
  test: {
    projects: [
      'packages/engine',
      'packages/nodes',
      'packages/sandbox',
      'packages/fraud',
      'apps/runtime',
      'apps/editor',
      'e2e',
    ],
  },
});

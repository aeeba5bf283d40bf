import { defineProject } from 'vitest/config';

/**
 * Editor unit and component tests: a simulated DOM (happy-dom), no browser, no runtime.
 * Each file gets a fresh environment: a toast's timer left by one file must not fire into the
 * next file's torn-down DOM.
 */
export default defineProject({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'happy-dom',
    setupFiles: ['./src/test-setup.ts'],
  },
});

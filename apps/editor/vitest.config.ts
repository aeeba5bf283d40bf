import { defineProject } from 'vitest/config';

/** Editor unit and component tests: a simulated DOM (happy-dom), no browser, no runtime. */
export default defineProject({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'happy-dom',
    setupFiles: ['./src/test-setup.ts'],
  },
});

import { defineProject } from 'vitest/config';

/**
 * Editor unit and component tests: a simulated DOM (happy-dom), no browser, no runtime.
 * `isolate: false`: a worker keeps React and the editor's modules from one file to the next
 * instead of importing them again per file; each test unmounts what it rendered (test-setup.ts)
 * and files that stub `fetch` undo it after each test.
 */
export default defineProject({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'happy-dom',
    isolate: false,
    setupFiles: ['./src/test-setup.ts'],
  },
});

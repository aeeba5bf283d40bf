import { defineProject } from 'vitest/config';

/**
 * `isolate: false`: a worker keeps its imported modules from one file to the next; these tests
 * neither mock modules nor leave globals behind, and a fresh module graph per file cost more than
 * the tests themselves.
 */
export default defineProject({ test: { include: ['src/**/*.test.ts'], isolate: false } });

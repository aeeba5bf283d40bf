// Entry of an expression pool thread. The built runtime (dist/) compiles this file with the task
// into dist/worker-entry.mjs. From source, a thread inherits the process's loader when it was
// started with `--import tsx`, and loads the task through tsx's API when not (under a test
// runner), so the task module loads either way.
let task;
try {
  task = await import('./evaluate-task.ts');
} catch {
  const { tsImport } = await import('tsx/esm/api');
  task = await tsImport('./evaluate-task.ts', import.meta.url);
}
export default task.default;

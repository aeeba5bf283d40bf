// Entry of the worker thread of an `all` process (see worker-thread-supervisor.ts). The built
// runtime (dist/) compiles this file with what it imports into dist/worker-thread.mjs. From
// source, the thread inherits the process's loader when it was started with `--import tsx`, and
// loads the module through tsx's API when not (under a test runner), so it starts either way.
let thread;
try {
  thread = await import('./worker-thread-main.ts');
} catch {
  const { tsImport } = await import('tsx/esm/api');
  thread = await tsImport('./worker-thread-main.ts', import.meta.url);
}
await thread.runWorkerThread();

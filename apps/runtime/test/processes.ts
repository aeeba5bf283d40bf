import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const RUNTIME_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface RuntimeProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process prints a line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  /** Run dist/main.mjs as built by `npm run build` (what `npm start` runs), not src/main.ts. */
  built?: boolean;
  /** Node options placed before the script, e.g. `--cpu-prof`. */
  nodeOptions?: string[];
  /** The whole command instead, executable first (e.g. the tsx CLI as an older start ran it). */
  command?: string[];
}

/** The command line of the runtime from source (through tsx) or as built by `npm run build`. */
export function runtimeCommand(opts: SpawnOptions = {}): string[] {
  if (opts.command) return opts.command;
  const script = opts.built
    ? ['--enable-source-maps', 'dist/main.mjs']
    : ['--import', 'tsx', 'src/main.ts'];
  return [process.execPath, ...(opts.nodeOptions ?? []), ...script];
}

/**
 * Starts `paybridge` as its own OS process, as a user or an orchestrator would: from source
 * (src/main.ts through tsx), or with `built`, the compiled dist/main.mjs that `npm start` runs
 * (build it first, see scripts/build-runtime.mjs).
 */
export function spawnRuntime(
  args: string[],
  env: Record<string, string>,
  opts: SpawnOptions = {},
): RuntimeProcess {
  const [file, ...argv] = runtimeCommand(opts);
  const child = spawn(file!, [...argv, ...args], {
    cwd: RUNTIME_DIR,
    env: {
      ...process.env,
      PAYBRIDGE_LOG_LEVEL: 'info',
      // The tests match readable lines; a pipe would otherwise get JSON.
      PAYBRIDGE_LOG_FORMAT: 'pretty',
      PAYBRIDGE_BOOTSTRAP_TOKEN: 'pbt_test-admin-token-0123456789abcdef',
      PAYBRIDGE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

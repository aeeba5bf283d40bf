import { installCrashGuards } from './crash-guards';
import { ConfigError, loadEnv } from './env';
import { sandboxMode } from './sandbox/sandbox-mode';
import { createLogger } from './logger';
import { startRuntime, type Role } from './start-runtime';

function roleFromArgs(argv: string[]): Role | undefined {
  const i = argv.indexOf('--role');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--role='))?.slice(7);
  if (value === undefined) return undefined;
  if (value === 'all' || value === 'api' || value === 'worker') return value;
  throw new ConfigError([`--role: expected all, api or worker (got ${JSON.stringify(value)})`]);
}

async function main(): Promise<void> {
  let env;
  let role;
  try {
    env = loadEnv();
    role = roleFromArgs(process.argv.slice(2));
    // Sandbox mode on an exposed HOST is a configuration error: say so without a stack trace.
    sandboxMode(env, (role ?? env.PAYBRIDGE_ROLE) !== 'worker');
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(env.PAYBRIDGE_LOG_LEVEL, env.PAYBRIDGE_LOG_FORMAT);
  let runtime: Awaited<ReturnType<typeof startRuntime>> | null = null;
  installCrashGuards(logger, () => runtime?.stop() ?? Promise.resolve());
  runtime = await startRuntime(env, { logger, ...(role ? { role } : {}) });
  logger.info(
    runtime.url ? `Paybridge is running at ${runtime.url}` : 'Paybridge worker is running',
    { role: runtime.role },
  );

  // Ctrl-C reaches npm, tsx and this process at once, and the wrappers forward it too, so one
  // keypress can arrive as several signals: only a signal two seconds after the first means
  // "stop now, without waiting".
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt > 0) {
      if (Date.now() - firstSignalAt < 2000) return;
      logger.warn('second signal: exiting without waiting', { signal });
      process.exit(130);
    }
    firstSignalAt = Date.now();
    logger.info('shutting down: finishing in-flight work', { signal });
    (runtime?.stop() ?? Promise.resolve()).then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Paybridge failed to start: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});

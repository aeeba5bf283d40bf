/**
 * The `paybridge` command for operators (`npm run paybridge -- <command>`). It reads the same
 * environment as the runtime, so it reaches the same database and the same master keys.
 *
 * @module
 */
import { FRAUD_USAGE, fraudCommand, UsageError } from './cli/fraud-models';
import { CliError, secretsRotate } from './cli/secrets-rotate';
import { withDatabase } from './cli/with-database';
import { ConfigError, loadEnv } from './env';
import { createLogger } from './logger';

const USAGE = `Usage: paybridge <command>

Commands:
  secrets rotate   Re-seal every connection secret under a new master key. With the key file
                   (no PAYBRIDGE_SECRET_KEY) a new key is generated and old ones are removed once
                   unused; with PAYBRIDGE_SECRET_KEY, values sealed with a PAYBRIDGE_SECRET_KEY_PREVIOUS
                   key move to it. Stop a runtime that uses the embedded database first.
${FRAUD_USAGE}`;

const FRAUD_COMMANDS = ['train', 'models', 'activate', 'rollback'];

async function main(argv: string[]): Promise<number> {
  const [group, command] = argv;
  if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
    process.stdout.write(USAGE);
    return group === undefined ? 2 : 0;
  }
  if (group === 'fraud' && command !== undefined && FRAUD_COMMANDS.includes(command)) {
    if ((command === 'activate' || command === 'rollback') && argv.length !== 3)
      throw new UsageError(
        `fraud ${command} needs one version (\`shipped\` for the shipped model)`,
      );
    const env = loadEnv();
    const logger = createLogger(
      env.PAYBRIDGE_LOG_LEVEL === 'info' ? 'warn' : env.PAYBRIDGE_LOG_LEVEL,
      env.PAYBRIDGE_LOG_FORMAT,
    );
    return withDatabase(
      env,
      logger,
      'Stop it first, or use the API: /api/fraud/models (the review page has a Retrain button).',
      (sql) =>
        fraudCommand(sql, argv.slice(1), (text) => process.stdout.write(text), {
          ledgerTimeZone: env.PAYBRIDGE_LEDGER_TIME_ZONE,
        }),
    );
  }
  if (group !== 'secrets' || command !== 'rotate') {
    process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const env = loadEnv();
  const logger = createLogger(
    env.PAYBRIDGE_LOG_LEVEL === 'info' ? 'warn' : env.PAYBRIDGE_LOG_LEVEL,
    env.PAYBRIDGE_LOG_FORMAT,
  );
  const result = await secretsRotate(env, logger);
  process.stdout.write(
    `Secrets rotated: ${result.values} value(s) of ${result.connections} connection(s) re-sealed ` +
      `with key ${result.activeKid}.\n`,
  );
  if (result.droppedKids.length > 0) {
    process.stdout.write(`Removed unused keys: ${result.droppedKids.join(', ')}.\n`);
  }
  for (const failure of result.failures) process.stderr.write(`${failure.message}\n`);
  return result.failures.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof ConfigError || err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(err instanceof ConfigError ? 2 : 1);
    }
    process.stderr.write(`paybridge failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

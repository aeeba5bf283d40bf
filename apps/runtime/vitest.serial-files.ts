/**
 * Runtime test files that run alone, after everything else: they kill and restart processes or
 * their own Postgres, or bound latencies in milliseconds, so a neighbour competing for the two
 * cores would make them fail for reasons that are not theirs. Every other runtime file has a
 * database of its own and runs beside another.
 */
export const serialRuntimeFiles = [
  'test/chaos.test.ts',
  'test/crash-recovery.test.ts',
  'test/embedded-start.test.ts',
  'test/expression-isolation.test.ts',
  'test/for-each-durability.test.ts',
  'test/ingress-database-down.test.ts',
  'test/paytrace-crash.test.ts',
  'test/postgres-restart.test.ts',
  'test/run-cancel-poison.test.ts',
  'test/sandbox-state.test.ts',
  'test/worker-thread.test.ts',
  'src/expressions/expression-pool.test.ts',
];

import { expect } from 'vitest';
import { evaluateExpression, ledgerForNode, memoryEffectStore } from '@paybridge/engine';
import type {
  EffectStore,
  ExecuteContext,
  NodeResult,
  NodeSpec,
  StepLogger,
} from '@paybridge/engine';
import type { AnyNodeDefinition } from './define-node';

/** What a test may set; everything else gets a harmless default. */
export interface TestContextOptions {
  input?: unknown;
  /** The run's trigger event, bound as `$trigger`. */
  trigger?: unknown;
  /** Earlier nodes' outputs by node id, readable as `$node("id")`. */
  nodes?: Record<string, unknown>;
  env?: Record<string, string>;
  resume?: { state: unknown };
  now?: Date;
  signal?: AbortSignal;
  attempt?: number;
  /** The node's resolved connection, as the engine would hand it over. */
  connection?: { type: string; values: Record<string, unknown> };
  /** Effect records; a fresh in-memory store by default. Share one to simulate re-executions. */
  effects?: EffectStore;
  runId?: string;
  nodeId?: string;
}

/** A logger that remembers what was logged, so tests can assert on warnings. */
export interface RecordingLogger extends StepLogger {
  readonly entries: { level: string; message: string; fields?: Record<string, unknown> }[];
}

function recordingLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = [];
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      entries.push({ level, message, ...(fields ? { fields } : {}) });
    };
  return { entries, info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * Builds the context an executor sees, with the config parsed by the node's real schema (so
 * defaults apply exactly as in the engine) and an `evaluate` backed by the engine's real JSONata
 * evaluation with `$trigger`, `$node` and `$env` bound.
 */
export function createTestContext<Config>(
  definition: NodeSpec<Config>,
  config: unknown,
  options: TestContextOptions = {},
): ExecuteContext<Config> & { logger: RecordingLogger } {
  const nodes = options.nodes ?? {};
  const env = options.env ?? {};
  const now = options.now ?? new Date('2025-01-15T12:00:00.000Z');
  const bindings = { trigger: options.trigger, env, node: (id: string) => nodes[id] };
  const runId = options.runId ?? 'run-1';
  const nodeId = options.nodeId ?? 'node-1';
  return {
    runId,
    flowId: 'flow-1',
    nodeId,
    config: definition.config.parse(config),
    input: options.input,
    attempt: options.attempt ?? 1,
    idempotencyKey: `${runId}:${nodeId}`,
    signal: options.signal ?? new AbortController().signal,
    resume: options.resume,
    now: () => now,
    env,
    connection: options.connection?.values,
    connectionType: options.connection?.type,
    effects: ledgerForNode(options.effects ?? memoryEffectStore({ runId, now: () => now }), nodeId),
    logger: recordingLogger(),
    evaluate: (expression, data) => evaluateExpression(expression, data, bindings),
  };
}

/** Asserts the executor emitted data (not a suspension) matching the node's output schema. */
export function expectOutput(
  definition: AnyNodeDefinition,
  result: NodeResult,
): { port: string | undefined; output: unknown } {
  if (!('output' in result)) throw new Error(`expected output, got ${JSON.stringify(result)}`);
  if (definition.output) expect(definition.output.safeParse(result.output).success).toBe(true);
  return { port: result.port, output: result.output };
}

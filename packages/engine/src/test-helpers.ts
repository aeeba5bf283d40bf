/**
 * Builders shared by the engine's tests (not exported from the package): small flows written in
 * a line or two, node types declared inline with real zod configs, and an in-memory store that
 * keeps every checkpoint call so tests can assert what became durable when.
 */
import { z } from 'zod';
import type { Edge, FlowGraph, NodeInstance, RetryPolicyOverride } from './flow-graph';
import type {
  ExecuteContext,
  NodeExecutor,
  NodeConnectionSpec,
  NodeKind,
  NodePorts,
  NodeResult,
  NodeSpec,
} from './node-spec';
import type { RunOutcome, RunStore, StepRecord } from './run-types';

export function buildNode(
  id: string,
  type: string,
  config: Record<string, unknown> = {},
  extra: Partial<Omit<NodeInstance, 'id' | 'type' | 'config'>> = {},
): NodeInstance {
  return { id, type, typeVersion: 1, config, position: { x: 0, y: 0 }, ...extra };
}

/** `edge('a', 'b')` is a.out → b.in; `edge('a.error', 'b.in')` names the ports. */
export function edge(from: string, to: string): Edge {
  const [fromNode = '', fromPort = 'out'] = from.split('.');
  const [toNode = '', toPort = 'in'] = to.split('.');
  return { from: { node: fromNode, port: fromPort }, to: { node: toNode, port: toPort } };
}

export function buildFlow(nodes: NodeInstance[], edges: Edge[] = []): FlowGraph {
  return { nodes, edges };
}

export interface TestNodeOptions<Config> {
  type: string;
  kind?: NodeKind;
  config?: z.ZodType<Config>;
  ports?: NodePorts | ((config: Config) => NodePorts);
  effects?: boolean;
  rawExpressionFields?: readonly string[];
  retry?: RetryPolicyOverride;
  connection?: NodeConnectionSpec;
  answersCaller?: boolean;
  execute?: (ctx: ExecuteContext<Config>) => Promise<NodeResult>;
}

/** A node type with an executor; by default it passes its input through on `out`. */
export function defineTestNode<Config = Record<string, unknown>>(
  options: TestNodeOptions<Config>,
): NodeExecutor<Config> {
  const kind = options.kind ?? 'action';
  const spec: NodeSpec<Config> = {
    type: options.type,
    version: 1,
    kind,
    title: options.type,
    config: options.config ?? (z.record(z.string(), z.unknown()) as unknown as z.ZodType<Config>),
    ports: options.ports ?? { inputs: kind === 'trigger' ? [] : ['in'], outputs: ['out'] },
    effects: options.effects ?? false,
    ...(options.rawExpressionFields ? { rawExpressionFields: options.rawExpressionFields } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.connection ? { connection: options.connection } : {}),
    ...(options.answersCaller ? { answersCaller: true } : {}),
  };
  return {
    spec,
    execute: options.execute ?? (async (ctx) => ({ output: ctx.input })),
  };
}

/** Lookups over a fixed set of node types, as the runtime's registry provides them. */
export function registry<T extends unknown[]>(
  ...executors: { [K in keyof T]: NodeExecutor<T[K]> }
) {
  const all = executors as unknown as NodeExecutor<unknown>[];
  const lookupExecutor = (type: string, version: number) =>
    all.find((e) => e.spec.type === type && e.spec.version === version);
  const lookupSpec = (type: string, version: number) => lookupExecutor(type, version)?.spec;
  return { lookupExecutor, lookupSpec };
}

export interface MemoryStore extends RunStore {
  /** Every checkpoint call in order. */
  calls: { steps: StepRecord[]; outcome: RunOutcome | null }[];
  /** All steps written so far, as `priorSteps` for the next execution. */
  steps: StepRecord[];
}

export function memoryStore(initial: readonly StepRecord[] = []): MemoryStore {
  const store: MemoryStore = {
    calls: [],
    steps: [...initial],
    async checkpoint(steps, outcome) {
      store.calls.push({ steps: [...steps], outcome });
      store.steps.push(...steps);
    },
  };
  return store;
}

/** A clock tests move by hand. */
export function fakeClock(start = '2024-05-01T12:00:00.000Z') {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

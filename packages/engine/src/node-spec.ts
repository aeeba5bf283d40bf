import type { z } from 'zod';
import type { EffectLedger } from './effect-ledger';
import type { RetryPolicyOverride } from './flow-graph';

export type NodeKind = 'trigger' | 'action';

/**
 * The credentials a node type uses: a config field holding the id of a connection of one of the
 * given types. The field must be a literal connection id (not an expression), so a flow's
 * connections are known when it is saved and resolved before any step runs.
 */
export interface NodeConnectionSpec {
  /** Accepted connection type(s), e.g. `http.header-auth`. */
  readonly type: string | readonly string[];
  /** Top-level config field holding the connection id. */
  readonly field: string;
  /** When true the node works without a connection (the field may be absent). Default false. */
  readonly optional?: boolean;
}

export interface NodePorts {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/**
 * What the engine needs to know about a node type to validate and route a graph. It is
 * browser-safe (no executor), so the editor validates with the very same declaration.
 */
export interface NodeSpec<Config = unknown> {
  /** Namespaced, stable identifier, e.g. `paytrace.charge`. */
  readonly type: string;
  /** Bumped on breaking config changes; placed nodes name the version they were built with. */
  readonly version: number;
  readonly kind: NodeKind;
  readonly title: string;
  /** zod schema of the user-edited settings, after expressions are resolved. */
  readonly config: z.ZodType<Config>;
  /** Ports; a function when they depend on config (a branch's outputs come from its rules). */
  readonly ports: NodePorts | ((config: Config) => NodePorts);
  /**
   * True when executing touches the outside world (an HTTP call, a charge). The engine makes such a
   * step's result durable right after it ran (together with the buffered steps before it), before
   * anything else happens; steps without effects are batched into the next write.
   */
  readonly effects: boolean;
  /**
   * Top-level config fields that hold JSONata the executor evaluates itself (a map's expression,
   * a branch's conditions). Every other string starting with `=` is an expression the engine
   * resolves before the config schema is applied.
   */
  readonly rawExpressionFields?: readonly string[];
  /** Type-level overrides of the default retry policy. */
  readonly retry?: RetryPolicyOverride;
  /** The connection (credentials) the node uses, if any; resolved by the engine before it runs. */
  readonly connection?: NodeConnectionSpec;
  /**
   * Set on a node that fans out (`for-each`): when it emits on `itemPort`, its output is a
   * {@link FanOut} and the engine runs the nodes downstream of that port once per item, then
   * emits the collected results on `donePort` (see `fan-out.ts`).
   */
  readonly iterate?: NodeIteration;
  /**
   * Set on a node whose succeeded output `{ status, headers, body }` is the run's answer to the
   * caller of a synchronous trigger (`respond`); the last such step's output is the run's
   * `response`. A flag, so the engine names no node type.
   */
  readonly answersCaller?: boolean;
}

/** The two ports of a fanning-out node: one leads into the per-item body, one leads on after it. */
export interface NodeIteration {
  readonly itemPort: string;
  readonly donePort: string;
}

/** Structured log sink handed to executors; the runtime decides where it goes. */
export interface StepLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Everything an executor may use. It never sees the database, the queue or the HTTP server. */
export interface ExecuteContext<Config = unknown> {
  readonly runId: string;
  readonly flowId: string;
  readonly nodeId: string;
  /** Config with expressions resolved and parsed by the node's schema. */
  readonly config: Config;
  /** Data that arrived on the incoming edge (for the first node after the trigger: the event). */
  readonly input: unknown;
  /** 1-based attempt number within the current retry budget. */
  readonly attempt: number;
  /** Stable across retries, crashes and replays of this step: `<runId>:<nodeId>`. */
  readonly idempotencyKey: string;
  /** Aborted when the step times out or the worker shuts down. */
  readonly signal: AbortSignal;
  /** Present when a step that suspended itself is resumed; carries the state it saved. */
  readonly resume: { readonly state: unknown } | undefined;
  readonly now: () => Date;
  readonly env: Readonly<Record<string, string>>;
  /**
   * Values of the node's connection, secrets decrypted, when its spec declares one and the config
   * names it. Hand them to the remote service only: never return, log or store them (the engine
   * scrubs them from everything it records, but derived forms it cannot know).
   */
  readonly connection?: Readonly<Record<string, unknown>> | undefined;
  /** Type of the connection in `connection`, for nodes that accept several types. */
  readonly connectionType?: string | undefined;
  readonly logger: StepLogger;
  /**
   * Exactly-once records for this node's external effects (see `effect-ledger.ts`): claim before
   * calling a service, settle with its answer. Absent only where the host keeps no ledger (a
   * node whose effect must not repeat then refuses to run).
   */
  readonly effects?: EffectLedger | undefined;
  /**
   * Evaluates JSONata against `data` with the run's bindings (`$trigger`, `$node("id")`, `$env`)
   * under the engine's time and depth limits.
   */
  evaluate(expression: string, data: unknown): Promise<unknown>;
}

/** What an executor returns: data on a port (the first output port when omitted), or a suspension. */
export type NodeResult =
  | { readonly port?: string; readonly output: unknown }
  | { readonly suspendUntil: Date; readonly state?: unknown };

/** A node type with its server-side implementation. */
export interface NodeExecutor<Config = unknown> {
  readonly spec: NodeSpec<Config>;
  execute(ctx: ExecuteContext<Config>): Promise<NodeResult>;
}

/** Finds a node type by type and version; returns undefined for unknown ones. */
export type SpecLookup = (type: string, version: number) => NodeSpec<unknown> | undefined;
export type ExecutorLookup = (type: string, version: number) => NodeExecutor<unknown> | undefined;

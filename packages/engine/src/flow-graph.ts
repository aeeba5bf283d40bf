import { z } from 'zod';

export const ErrorClass = z.enum(['transient', 'business', 'permanent']);
export type ErrorClass = z.infer<typeof ErrorClass>;

/**
 * How a node retries. Defaults live in `DEFAULT_RETRY_POLICY`; a node type and a node placement
 * may each override any field.
 */
export const RetryPolicy = z.object({
  /** Total attempts including the first. Default 5. */
  maxAttempts: z.number().int().min(1).max(100),
  /** Delay before the second attempt. Default 1000 ms. */
  initialDelayMs: z.number().int().min(0).max(86_400_000),
  /** Multiplier per further attempt. Default 2. */
  backoffFactor: z.number().min(1).max(10),
  /** Upper bound of any single delay. Default 5 minutes. */
  maxDelayMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000),
  /** Fraction of the delay randomised (0 = none, 1 = full jitter). Default 0.2. */
  jitter: z.number().min(0).max(1),
  /** Which error classes are retried. Default only `transient`. */
  retryOn: z.array(ErrorClass),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;
export const RetryPolicyOverride = RetryPolicy.partial();
export type RetryPolicyOverride = z.infer<typeof RetryPolicyOverride>;

/** Node ids appear in expressions as `$node("id")` and in URLs, so they stay short and plain. */
export const NodeId = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    'letters, digits, "_" or "-", starting with a letter, at most 64',
  );

/** Canvas position; the engine ignores it, the editor needs it to round-trip a flow. */
export const Position = z.object({ x: z.number(), y: z.number() });

/** One placed node: which type (and which version of it) plus the user's settings. */
export const NodeInstance = z.object({
  id: NodeId,
  type: z.string().min(1),
  typeVersion: z.number().int().positive(),
  name: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  position: Position.default({ x: 0, y: 0 }),
  /** Overrides of the node type's retry policy for this placement. */
  retry: RetryPolicyOverride.optional(),
});
export type NodeInstance = z.infer<typeof NodeInstance>;

/** A port reference: output ports on `from`, input ports on `to`. */
export const PortRef = z.object({ node: NodeId, port: z.string().min(1) });

export const Edge = z.object({ from: PortRef, to: PortRef });
export type Edge = z.infer<typeof Edge>;

/** Colours a sticky note can have (named, so the editor's palette decides the shades). */
export const STICKY_NOTE_COLORS = ['yellow', 'blue', 'green', 'pink', 'grey'] as const;

/**
 * A sticky note documenting the flow on the canvas. Like positions, the engine ignores it; it is
 * saved with the version so the explanation travels with the flow (export, copies, templates).
 */
export const StickyNote = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" or "-", at most 64'),
  text: z.string().max(10_000),
  position: Position,
  width: z.number().min(40).max(4000).optional(),
  height: z.number().min(30).max(4000).optional(),
  color: z.enum(STICKY_NOTE_COLORS).optional(),
});
export type StickyNote = z.infer<typeof StickyNote>;

/** The saved shape of a flow version: what the editor sends and the engine executes. */
export const FlowGraph = z.object({
  nodes: z.array(NodeInstance).max(1000),
  edges: z.array(Edge).max(5000),
  /** Sticky notes on the canvas (UI only, like node positions). */
  notes: z.array(StickyNote).max(500).optional(),
});
export type FlowGraph = z.infer<typeof FlowGraph>;

/** Port a failure is routed to when the flow wires it. */
export const ERROR_PORT = 'error';

/**
 * Port payment nodes emit a decline on. A decline that reaches no edge ends the run as
 * `declined`, so an unhandled decline never shows as a succeeded run; validation warns about it.
 */
export const DECLINED_PORT = 'declined';

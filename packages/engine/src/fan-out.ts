/**
 * Durable iteration (`for-each`): a node whose spec declares `iterate` emits a {@link FanOut} on
 * its item port, and the engine runs the nodes downstream of that port (its **body**) once per
 * item. Each item is its own branch of step records: a body node's steps are recorded under
 * {@link itemStepId}, so a resumed execution finds every item's progress, replays finished items
 * from their checkpoints instead of running them again, and continues the unfinished ones. The
 * same id scopes the body node's effect records, so an effect inside the body happens once per
 * item across retries, crashes and replays. When every item is done, the node emits a
 * {@link FanOutDone} on its done port.
 *
 * @module
 */
import { z } from 'zod';
import type { StepError } from './errors';
import type { Edge, FlowGraph } from './flow-graph';
import type { SpecLookup } from './node-spec';
import type { GraphIssue } from './validate-graph';

/** Most items one fan-out may have: each is checkpointed, so a run stays bounded. */
export const FAN_OUT_MAX_ITEMS = 1000;
/** Most items run at once. */
export const FAN_OUT_MAX_CONCURRENCY = 20;

/** What a fanning-out node emits on its item port. */
export const FanOut = z
  .object({
    /** Items in order; `key` names the item's branch of records (unique, stable across replays). */
    items: z
      .array(z.object({ key: z.string().min(1).max(200), value: z.unknown() }))
      .max(FAN_OUT_MAX_ITEMS),
    /** How many items run at once (1: one after the other, in order). */
    concurrency: z.number().int().min(1).max(FAN_OUT_MAX_CONCURRENCY),
  })
  .superRefine((fanOut, issues) => {
    const seen = new Set<string>();
    fanOut.items.forEach(({ key }, index) => {
      if (seen.has(key)) {
        issues.addIssue({
          code: 'custom',
          path: ['items', index, 'key'],
          message: `item key "${key}" appears more than once`,
        });
      }
      seen.add(key);
    });
  });
export type FanOut = z.infer<typeof FanOut>;

/** What the first node of an item's body receives. */
export interface ItemInput {
  item: unknown;
  index: number;
  key: string;
}

/** How one item ended: `ok` with the output of the last node of its body, or `failed`. */
export interface ItemResult {
  key: string;
  index: number;
  status: 'ok' | 'failed';
  output: unknown;
  error: StepError | null;
}

/** What a fanning-out node emits on its done port once every item is done. */
export interface FanOutDone {
  total: number;
  succeeded: number;
  failed: number;
  results: ItemResult[];
}

/**
 * The step id of body node `bodyNodeId` in item `key` of fan-out node `nodeId`. Node ids hold no
 * `[`, `]` or `/`, so this never collides with a plain node id or another item's.
 */
export function itemStepId(nodeId: string, key: string, bodyNodeId: string): string {
  return `${itemPrefix(nodeId, key)}${bodyNodeId}`;
}

/** The prefix of every step id of one item ({@link itemStepId}). */
export function itemPrefix(nodeId: string, key: string): string {
  return `${nodeId}[${key}]/`;
}

/** Collects the results of the items into what the done port emits. */
export function fanOutDone(results: readonly ItemResult[]): FanOutDone {
  const succeeded = results.filter((r) => r.status === 'ok').length;
  return {
    total: results.length,
    succeeded,
    failed: results.length - succeeded,
    results: [...results],
  };
}

/** Every node reachable from `nodeId`'s `port`: the body of a fan-out. */
export function iterationBody(edges: readonly Edge[], nodeId: string, port: string): Set<string> {
  const body = new Set<string>();
  const pending = edges
    .filter((e) => e.from.node === nodeId && e.from.port === port)
    .map((e) => e.to.node);
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (body.has(next) || next === nodeId) continue;
    body.add(next);
    for (const e of edges) if (e.from.node === next) pending.push(e.to.node);
  }
  return body;
}

/**
 * Problems with the bodies of the graph's fan-out nodes. A body is entered only through its item
 * port (an edge from elsewhere into it would run that node outside any item, or once per item
 * and once more), and holds no fan-out of its own (nested iteration is not supported).
 */
export function fanOutIssues(graph: FlowGraph, lookupSpec: SpecLookup): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const specOf = (id: string) => {
    const node = graph.nodes.find((n) => n.id === id);
    return node ? lookupSpec(node.type, node.typeVersion) : undefined;
  };
  graph.nodes.forEach((node, index) => {
    const iterate = lookupSpec(node.type, node.typeVersion)?.iterate;
    if (!iterate) return;
    const body = iterationBody(graph.edges, node.id, iterate.itemPort);
    for (const id of body) {
      if (specOf(id)?.iterate) {
        issues.push({
          path: ['nodes', index],
          code: 'FAN_OUT_BODY',
          message: `"${id}" runs once per item of "${node.id}" and cannot iterate itself (nested for-each is not supported)`,
          nodeId: id,
        });
      }
    }
    graph.edges.forEach((e, edgeIndex) => {
      if (!body.has(e.to.node) || body.has(e.from.node)) return;
      if (e.from.node === node.id && e.from.port === iterate.itemPort) return;
      issues.push({
        path: ['edges', edgeIndex],
        code: 'FAN_OUT_BODY',
        message: `"${e.to.node}" runs once per item of "${node.id}", so it can only be reached from its "${iterate.itemPort}" port, not from "${e.from.node}.${e.from.port}"; continue after the items from "${iterate.donePort}"`,
        nodeId: e.to.node,
      });
    });
  });
  return issues;
}

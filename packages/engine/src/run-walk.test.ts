import { describe, expect, it } from 'vitest';
import { executeRun, type ExecuteRunOptions } from './execute-run';
import type { FlowGraph } from './flow-graph';
import { joinStopAfter } from './run-scope';
import type { ExecuteContext } from './node-spec';
import { buildFlow, buildNode, defineTestNode, edge, memoryStore, registry } from './test-helpers';

const triggerType = defineTestNode({ type: 'test.trigger', kind: 'trigger' });

/** A node with effects that records its run and passes on its own name. */
function stepType(calls: string[]) {
  return defineTestNode({
    type: 'test.step',
    effects: true,
    execute: async (ctx: ExecuteContext<Record<string, unknown>>) => {
      calls.push(ctx.nodeId);
      return { output: { from: ctx.nodeId } };
    },
  });
}

/** Big orders one way, the rest the other: only one output runs. */
const routeType = defineTestNode({
  type: 'test.route',
  ports: { inputs: ['in'], outputs: ['big', 'other'] },
  execute: async (ctx) => ({
    port: (ctx.input as { total: number }).total > 100 ? 'big' : 'other',
    output: ctx.input,
  }),
});

function harness(graph: FlowGraph, trigger: unknown = { total: 50 }) {
  const calls: string[] = [];
  const store = memoryStore();
  const { lookupExecutor } = registry(triggerType, routeType, stepType(calls));
  const execute = (overrides: Partial<ExecuteRunOptions> = {}) =>
    executeRun({
      runId: 'run_1',
      flowId: 'flow_1',
      graph,
      trigger,
      priorSteps: [...store.steps],
      lookupExecutor,
      store,
      random: () => 0,
      ...overrides,
    });
  return { calls, store, execute };
}

describe('executeRun: stopAfter naming the nodes before a merge', () => {
  /** start → route; big → review, other → accept; both → book (the merge). */
  const merge = buildFlow(
    [
      buildNode('start', 'test.trigger'),
      buildNode('route', 'test.route'),
      buildNode('review', 'test.step'),
      buildNode('accept', 'test.step'),
      buildNode('book', 'test.step'),
    ],
    [
      edge('start', 'route'),
      edge('route.big', 'review'),
      edge('route.other', 'accept'),
      edge('review', 'book'),
      edge('accept', 'book'),
    ],
  );

  it('runs the path that was taken, up to the merge and not the merge itself', async () => {
    const h = harness(merge);
    const outcome = await h.execute({ stopAfter: joinStopAfter(['review', 'accept']) });
    expect(outcome).toEqual({ status: 'succeeded', response: null });
    expect(h.calls).toEqual(['accept']);
    expect(h.store.steps.map((s) => s.nodeId)).toEqual(['start', 'route', 'accept']);
  });

  it('takes the other way when the data does, still stopping before the merge', async () => {
    const h = harness(merge, { total: 500 });
    await h.execute({ stopAfter: joinStopAfter(['review', 'accept']) });
    expect(h.calls).toEqual(['review']);
  });

  it('fails up front naming a node the graph does not have, even among known ones', async () => {
    const h = harness(merge);
    const outcome = await h.execute({ stopAfter: joinStopAfter(['review', 'gone']) });
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { code: 'STOP_AFTER_UNKNOWN', message: expect.stringContaining('"gone"') },
    });
    expect(h.store.steps).toEqual([]);
  });
});

describe('executeRun: stopAfter runs every node leading to the chosen one', () => {
  it('also the longer of two paths into it, not only the first to arrive', async () => {
    // start → quick → ready, start → check → verify → ready: both feed "ready".
    const graph = buildFlow(
      [
        buildNode('start', 'test.trigger'),
        buildNode('quick', 'test.step'),
        buildNode('check', 'test.step'),
        buildNode('verify', 'test.step'),
        buildNode('ready', 'test.step'),
        buildNode('after', 'test.step'),
      ],
      [
        edge('start', 'quick'),
        edge('start', 'check'),
        edge('quick', 'ready'),
        edge('check', 'verify'),
        edge('verify', 'ready'),
        edge('ready', 'after'),
      ],
    );
    const h = harness(graph);
    expect(await h.execute({ stopAfter: 'ready' })).toEqual({
      status: 'succeeded',
      response: null,
    });
    expect([...h.calls].sort()).toEqual(['check', 'quick', 'ready', 'verify']);
  });
});

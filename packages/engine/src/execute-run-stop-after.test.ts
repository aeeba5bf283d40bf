import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransientError } from './errors';
import { executeRun, type ExecuteRunOptions } from './execute-run';
import type { FlowGraph } from './flow-graph';
import type { ExecuteContext, NodeResult } from './node-spec';
import {
  buildFlow,
  buildNode,
  defineTestNode,
  edge,
  fakeClock,
  memoryStore,
  registry,
} from './test-helpers';

const triggerType = defineTestNode({ type: 'test.trigger', kind: 'trigger' });
const setType = defineTestNode({
  type: 'test.set',
  config: z.object({ value: z.unknown() }),
  execute: async (ctx) => ({ output: ctx.config.value }),
});

/** A node with effects that counts its calls; fails transiently once when `flaky` is set. */
function effectType(calls: string[], flaky = false) {
  return defineTestNode({
    type: 'test.effect',
    effects: true,
    ports: { inputs: ['in'], outputs: ['out', 'error'] },
    execute: async (ctx: ExecuteContext<Record<string, unknown>>): Promise<NodeResult> => {
      calls.push(`${ctx.nodeId}#${ctx.attempt}`);
      if (flaky && ctx.attempt === 1) throw new TransientError('BUSY', 'try again');
      return { output: { done: ctx.nodeId } };
    },
  });
}

/** start → prepare → charge → notify, and start → audit on a side branch. */
const graph: FlowGraph = buildFlow(
  [
    buildNode('start', 'test.trigger'),
    buildNode('prepare', 'test.set', { value: { total: '=$trigger.total' } }),
    buildNode('charge', 'test.effect'),
    buildNode('notify', 'test.effect'),
    buildNode('audit', 'test.effect'),
  ],
  [
    edge('start', 'prepare'),
    edge('prepare', 'charge'),
    edge('charge', 'notify'),
    edge('start', 'audit'),
  ],
);

function harness(flaky = false) {
  const calls: string[] = [];
  const store = memoryStore();
  const clock = fakeClock();
  const { lookupExecutor } = registry(triggerType, setType, effectType(calls, flaky));
  const execute = (overrides: Partial<ExecuteRunOptions> = {}) =>
    executeRun({
      runId: 'run_1',
      flowId: 'flow_1',
      graph,
      trigger: { total: 2500 },
      priorSteps: [...store.steps],
      lookupExecutor,
      store,
      now: clock.now,
      random: () => 0,
      ...overrides,
    });
  return { calls, store, clock, execute };
}

describe('executeRun: stopAfter', () => {
  it('ends as succeeded right after the chosen node; nothing downstream or on other branches runs', async () => {
    const h = harness();
    expect(await h.execute({ stopAfter: 'charge' })).toEqual({
      status: 'succeeded',
      response: null,
    });
    expect(h.store.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ['start', 'succeeded'],
      ['prepare', 'succeeded'],
      ['charge', 'succeeded'],
    ]);
    expect(h.calls).toEqual(['charge#1']);
    expect(h.store.calls.map((c) => c.outcome)).toEqual([{ status: 'succeeded', response: null }]);
  });

  it('stops right after the trigger when the trigger is chosen', async () => {
    const h = harness();
    expect(await h.execute({ stopAfter: 'start' })).toEqual({
      status: 'succeeded',
      response: null,
    });
    expect(h.store.steps.map((s) => s.nodeId)).toEqual(['start']);
    expect(h.calls).toEqual([]);
  });

  it('runs the whole flow when the chosen node is a leaf of it', async () => {
    const h = harness();
    await h.execute({ stopAfter: 'notify' });
    expect(h.store.steps.map((s) => s.nodeId)).toEqual(['start', 'prepare', 'charge', 'notify']);
    expect(h.calls).toEqual(['charge#1', 'notify#1']);
  });

  it('honours stopAfter when a waiting run resumes, never running what comes after', async () => {
    const h = harness(true);
    const first = await h.execute({ stopAfter: 'charge' });
    expect(first).toMatchObject({ status: 'waiting', nodeId: 'charge', reason: 'retry' });
    h.clock.advance(60_000);
    expect(await h.execute({ stopAfter: 'charge' })).toEqual({
      status: 'succeeded',
      response: null,
    });
    expect(h.calls).toEqual(['charge#1', 'charge#2']);
    expect(h.store.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ['start', 'succeeded'],
      ['prepare', 'succeeded'],
      ['charge', 'retrying'],
      ['charge', 'succeeded'],
    ]);
  });

  it('stops at once on a resumed execution whose chosen node had already completed', async () => {
    const h = harness();
    await h.execute({ stopAfter: 'charge' });
    const again = await h.execute({ stopAfter: 'charge' });
    expect(again).toEqual({ status: 'succeeded', response: null });
    expect(h.calls).toEqual(['charge#1']);
    expect(h.store.steps).toHaveLength(3);
  });

  it('fails up front as STOP_AFTER_UNKNOWN when the graph has no such node', async () => {
    const h = harness();
    const outcome = await h.execute({ stopAfter: 'nope' });
    expect(outcome).toMatchObject({
      status: 'failed',
      nodeId: '',
      error: { code: 'STOP_AFTER_UNKNOWN', errorClass: 'permanent' },
    });
    expect(h.store.steps).toEqual([]);
    expect(h.calls).toEqual([]);
  });
});

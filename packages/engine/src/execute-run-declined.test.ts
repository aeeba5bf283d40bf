import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BusinessError } from './errors';
import { executeRun } from './execute-run';
import { graphWarnings, validateGraph } from './validate-graph';
import { buildFlow, buildNode, defineTestNode, edge, memoryStore, registry } from './test-helpers';

const triggerType = defineTestNode({ type: 'test.trigger', kind: 'trigger' });

/** A payment node as PayTrace's are declared: approved, declined and error ports, with effects. */
const payType = defineTestNode<{ approve: boolean }>({
  type: 'test.pay',
  config: z.object({ approve: z.boolean() }),
  ports: { inputs: ['in'], outputs: ['approved', 'declined', 'error'] },
  effects: true,
  execute: async (ctx) =>
    ctx.config.approve
      ? { port: 'approved', output: { status: 'approved', transactionId: '1001' } }
      : { port: 'declined', output: { status: 'declined', reason: 'EXPIRED CARD' } },
});

const noteType = defineTestNode({ type: 'test.note' });
const { lookupExecutor, lookupSpec } = registry(triggerType, payType, noteType);

const start = buildNode('start', 'test.trigger');

function run(approve: boolean, edges: ReturnType<typeof edge>[], priorSteps = memoryStore()) {
  const graph = buildFlow(
    [
      start,
      buildNode('pay', 'test.pay', { approve }),
      buildNode('tag', 'test.note'),
      buildNode('after', 'test.note'),
    ],
    [edge('start', 'pay'), ...edges],
  );
  return executeRun({
    runId: 'r1',
    flowId: 'f1',
    graph,
    trigger: { orderId: '820982911946154508' },
    priorSteps: priorSteps.steps,
    lookupExecutor,
    store: priorSteps,
  });
}

describe('a payment node whose decline reaches no edge', () => {
  it('ends the run as declined, naming the node and the reason', async () => {
    const store = memoryStore();
    const outcome = await run(false, [edge('pay.approved', 'after.in')], store);
    expect(outcome).toEqual({
      status: 'declined',
      nodeId: 'pay',
      response: null,
      error: {
        errorClass: 'business',
        code: 'DECLINED_UNHANDLED',
        message: expect.stringContaining('EXPIRED CARD') as string,
      },
    });
    expect(store.calls.at(-1)?.outcome?.status).toBe('declined');
    expect(store.steps.map((s) => s.nodeId)).toEqual(['start', 'pay']);
  });

  it('ends as declined again when a resumed execution replays the declined step', async () => {
    const store = memoryStore();
    await run(false, [], store);
    const again = memoryStore(store.steps);
    const outcome = await run(false, [], again);
    expect(outcome.status).toBe('declined');
    expect(again.calls.at(-1)?.steps).toEqual([]);
  });

  it('succeeds when the declined port is wired, and when the payment is approved', async () => {
    const handled = await run(false, [edge('pay.declined', 'tag.in')]);
    expect(handled.status).toBe('succeeded');
    const approved = await run(true, []);
    expect(approved.status).toBe('succeeded');
  });
});

describe('a payment node whose failure reaches no edge', () => {
  it('fails the run (dead-letter material), never succeeded', async () => {
    const refusing = defineTestNode({
      type: 'test.refuse',
      ports: { inputs: ['in'], outputs: ['approved', 'declined', 'error'] },
      effects: true,
      execute: async () => {
        throw new BusinessError('PAYTRACE_REFUSED', 'PayTrace refused the request');
      },
    });
    const lookups = registry(triggerType, refusing);
    const store = memoryStore();
    const outcome = await executeRun({
      runId: 'r2',
      flowId: 'f1',
      graph: buildFlow([start, buildNode('pay', 'test.refuse')], [edge('start', 'pay')]),
      trigger: {},
      priorSteps: [],
      lookupExecutor: lookups.lookupExecutor,
      store,
    });
    expect(outcome).toMatchObject({ status: 'failed', nodeId: 'pay' });
  });
});

describe('graphWarnings', () => {
  const graph = (edges: ReturnType<typeof edge>[]) =>
    buildFlow(
      [start, buildNode('pay', 'test.pay', { approve: true }), buildNode('tag', 'test.note')],
      [edge('start', 'pay'), ...edges],
    );

  it('warns about unwired declined and error ports of payment nodes, on a valid graph', () => {
    const g = graph([edge('pay.approved', 'tag.in')]);
    expect(validateGraph(g, lookupSpec).ok).toBe(true);
    const warnings = graphWarnings(g, lookupSpec);
    expect(warnings.map((w) => [w.code, w.nodeId, w.path])).toEqual([
      ['DECLINED_PORT_UNWIRED', 'pay', ['nodes', 1]],
      ['ERROR_PORT_UNWIRED', 'pay', ['nodes', 1]],
    ]);
    expect(warnings[0]?.message).toMatch(/"pay".*"declined".*ends the run as declined/);
  });

  it('is quiet when both are wired, and for nodes without a declined port', () => {
    expect(
      graphWarnings(
        graph([edge('pay.declined', 'tag.in'), edge('pay.error', 'tag.in')]),
        lookupSpec,
      ),
    ).toEqual([]);
    expect(
      graphWarnings(
        buildFlow([start, buildNode('tag', 'test.note')], [edge('start', 'tag')]),
        lookupSpec,
      ),
    ).toEqual([]);
  });
});

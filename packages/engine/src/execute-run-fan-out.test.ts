import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PermanentError, TransientError } from './errors';
import { memoryEffectStore, type MemoryEffectStore } from './effect-ledger';
import { executeRun, type ExecuteRunOptions } from './execute-run';
import type { FanOutDone } from './fan-out';
import type { FlowGraph } from './flow-graph';
import type { ExecuteContext } from './node-spec';
import type { StepRecord } from './run-types';
import { validateGraph } from './validate-graph';
import {
  buildFlow,
  buildNode,
  defineTestNode,
  edge,
  fakeClock,
  memoryStore,
  registry,
  type MemoryStore,
} from './test-helpers';

const triggerType = defineTestNode({ type: 'test.trigger', kind: 'trigger' });

/** A minimal fan-out node: keys are the items' `id` when they have one, else their index. */
const eachType = defineTestNode({
  type: 'test.each',
  config: z.object({ items: z.array(z.unknown()), concurrency: z.number().default(1) }),
  ports: { inputs: ['in'], outputs: ['item', 'done'] },
  execute: async (ctx) => ({
    port: 'item',
    output: {
      concurrency: ctx.config.concurrency,
      items: ctx.config.items.map((value, index) => ({
        key: typeof value === 'object' && value && 'id' in value ? String(value.id) : `${index}`,
        value,
      })),
    },
  }),
});
const eachSpec = { ...eachType.spec, iterate: { itemPort: 'item', donePort: 'done' } };
const each = { ...eachType, spec: eachSpec };

const collectType = defineTestNode({ type: 'test.collect' });

type Sent = { key: string; attempt: number };

/**
 * An effect per item: claims its record, "sends" (records the call), settles. `failOn` scripts
 * failures by item key; a settled record is reused instead of sending again.
 */
function sendType(
  sent: Sent[],
  failOn: Record<string, (attempt: number) => Error | undefined> = {},
  gate?: { inFlight: number; max: number; wait: () => Promise<void> },
) {
  return defineTestNode<{ value: unknown }>({
    type: 'test.send',
    config: z.object({ value: z.unknown() }),
    ports: { inputs: ['in'], outputs: ['out', 'error'] },
    effects: true,
    execute: async (ctx: ExecuteContext<{ value: unknown }>) => {
      const input = ctx.input as { key: string };
      const claim = await ctx.effects?.claim({ item: '' }, 'fp');
      if (claim?.state === 'settled') return { output: claim.outcome };
      const failure = failOn[input.key]?.(ctx.attempt);
      if (failure) {
        if (claim) await ctx.effects?.release({ item: '' }, claim.attempt);
        throw failure;
      }
      if (gate) {
        gate.inFlight += 1;
        gate.max = Math.max(gate.max, gate.inFlight);
        await gate.wait();
        gate.inFlight -= 1;
      }
      sent.push({ key: input.key, attempt: ctx.attempt });
      const outcome = { sent: ctx.config.value, ref: claim?.reference };
      if (claim) await ctx.effects?.settle({ item: '' }, claim.attempt, outcome);
      return { output: outcome };
    },
  });
}

const start = buildNode('start', 'test.trigger');

function flow(items: unknown[], concurrency = 1): FlowGraph {
  return buildFlow(
    [
      start,
      buildNode('loop', 'test.each', { items, concurrency }),
      buildNode('mail', 'test.send', { value: '=$.item.name & " #" & $string($.index)' }),
      buildNode('after', 'test.collect'),
    ],
    [edge('start', 'loop'), edge('loop.item', 'mail'), edge('loop.done', 'after')],
  );
}

function options(
  graph: FlowGraph,
  send: ReturnType<typeof sendType>,
  store: MemoryStore,
  extra: Partial<ExecuteRunOptions> = {},
): ExecuteRunOptions {
  const { lookupExecutor } = registry(triggerType, each, send, collectType);
  return {
    runId: 'run-1',
    flowId: 'flow-1',
    graph,
    trigger: {},
    priorSteps: store.steps,
    lookupExecutor,
    store,
    random: () => 0,
    ...extra,
  };
}

const items = [
  { id: 'a', name: 'Ann' },
  { id: 'b', name: 'Bob' },
  { id: 'c', name: 'Cy' },
];

function doneOf(store: MemoryStore): FanOutDone {
  const done = store.steps.find((s) => s.nodeId === 'loop' && s.port === 'done') as StepRecord;
  return done.output as FanOutDone;
}

describe('for-each: durable iteration', () => {
  it('runs the body once per item, each item on its own branch of records, then fires done', async () => {
    const sent: Sent[] = [];
    const store = memoryStore();
    const outcome = await executeRun(options(flow(items), sendType(sent), store));
    expect(outcome.status).toBe('succeeded');
    expect(sent.map((s) => s.key)).toEqual(['a', 'b', 'c']);
    expect(store.steps.map((s) => s.nodeId)).toEqual([
      'start',
      'loop',
      'loop[a]/mail',
      'loop[b]/mail',
      'loop[c]/mail',
      'loop',
      'after',
    ]);
    const done = doneOf(store);
    expect(done).toMatchObject({ total: 3, succeeded: 3, failed: 0 });
    expect(done.results.map((r) => [r.key, r.status, (r.output as { sent: string }).sent])).toEqual(
      [
        ['a', 'ok', 'Ann #0'],
        ['b', 'ok', 'Bob #1'],
        ['c', 'ok', 'Cy #2'],
      ],
    );
    // The node after the loop receives the collected results.
    expect(store.steps.at(-1)?.input).toEqual(done);
  });

  it('checkpoints item by item: after a crash mid-iteration, finished items are not repeated', async () => {
    const sent: Sent[] = [];
    const send = sendType(sent);
    const effects = memoryEffectStore();
    // The store dies on the checkpoint after item b's effect (its write never lands).
    const crashing = memoryStore();
    const checkpoint = crashing.checkpoint.bind(crashing);
    crashing.checkpoint = async (steps, outcome) => {
      if (steps.some((s) => s.nodeId === 'loop[b]/mail')) throw new Error('worker killed');
      return checkpoint(steps, outcome);
    };
    await expect(executeRun(options(flow(items), send, crashing, { effects }))).rejects.toThrow(
      'worker killed',
    );
    expect(sent.map((s) => s.key)).toEqual(['a', 'b']);
    expect(crashing.steps.map((s) => s.nodeId)).toContain('loop[a]/mail');

    // A new worker resumes from what was durable: item a replays, b's effect record is found
    // settled (its step was lost, not its effect), c runs.
    const resumed = memoryStore(crashing.steps);
    const outcome = await executeRun(options(flow(items), send, resumed, { effects }));
    expect(outcome.status).toBe('succeeded');
    expect(sent.map((s) => s.key)).toEqual(['a', 'b', 'c']);
    expect(doneOf(resumed).succeeded).toBe(3);
  });

  it('retries a failed item alone, after its delay, without repeating the others', async () => {
    const sent: Sent[] = [];
    const clock = fakeClock();
    const send = sendType(sent, {
      b: (attempt) => (attempt === 1 ? new TransientError('SMTP_DOWN', 'down') : undefined),
    });
    const store = memoryStore();
    const first = await executeRun(options(flow(items), send, store, { now: clock.now }));
    expect(first).toMatchObject({ status: 'waiting', nodeId: 'loop[b]/mail', reason: 'retry' });
    expect(sent.map((s) => s.key)).toEqual(['a']);

    clock.advance(60 * 60_000);
    const second = await executeRun(
      options(flow(items), send, store, { now: clock.now, priorSteps: [...store.steps] }),
    );
    expect(second.status).toBe('succeeded');
    expect(sent).toEqual([
      { key: 'a', attempt: 1 },
      { key: 'b', attempt: 2 },
      { key: 'c', attempt: 1 },
    ]);
  });

  it('records a permanently failed item in the results and goes on with the others', async () => {
    const sent: Sent[] = [];
    const send = sendType(sent, { b: () => new PermanentError('BAD_ADDRESS', 'no such mailbox') });
    const store = memoryStore();
    const outcome = await executeRun(options(flow(items), send, store));
    expect(outcome.status).toBe('succeeded');
    expect(sent.map((s) => s.key)).toEqual(['a', 'c']);
    const done = doneOf(store);
    expect(done).toMatchObject({ total: 3, succeeded: 2, failed: 1 });
    expect(done.results[1]).toMatchObject({
      key: 'b',
      status: 'failed',
      error: { code: 'BAD_ADDRESS' },
    });

    // A later execution of the run (e.g. after a crash before the done step) keeps b failed.
    const again = memoryStore(
      store.steps.filter((s) => !(s.nodeId === 'loop' && s.port === 'done')),
    );
    await executeRun(options(flow(items), send, again));
    expect(sent.map((s) => s.key)).toEqual(['a', 'c']);
  });

  it('keys effects by item, so a replay of the event repeats no item', async () => {
    const sent: Sent[] = [];
    const send = sendType(sent);
    const effects: MemoryEffectStore = memoryEffectStore();
    await executeRun(options(flow(items), send, memoryStore(), { effects }));
    expect([...effects.records.keys()]).toEqual([
      'flow:flow-1/event:event-1/node:loop[a]/mail/item:',
      'flow:flow-1/event:event-1/node:loop[b]/mail/item:',
      'flow:flow-1/event:event-1/node:loop[c]/mail/item:',
    ]);
    const replay = await executeRun(
      options(flow(items), send, memoryStore(), {
        runId: 'run-2',
        effects: effects.forRun('run-2'),
      }),
    );
    expect(replay.status).toBe('succeeded');
    expect(sent).toHaveLength(3);
  });

  it('runs at most `concurrency` items at once', async () => {
    const sent: Sent[] = [];
    const gate = { inFlight: 0, max: 0, wait: () => new Promise<void>((r) => setTimeout(r, 5)) };
    const many = Array.from({ length: 7 }, (_, i) => ({ id: `i${i}`, name: `n${i}` }));
    const store = memoryStore();
    const outcome = await executeRun(options(flow(many, 3), sendType(sent, {}, gate), store));
    expect(outcome.status).toBe('succeeded');
    expect(gate.max).toBe(3);
    expect(new Set(sent.map((s) => s.key)).size).toBe(7);
    expect(doneOf(store).results.map((r) => r.key)).toEqual(many.map((m) => m.id));
  });

  it('fails the node when its items are invalid (duplicate keys)', async () => {
    const store = memoryStore();
    const outcome = await executeRun(
      options(flow([{ id: 'x' }, { id: 'x' }]), sendType([]), store),
    );
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'FAN_OUT_INVALID' } });
  });

  it('refuses a graph that enters an item body from outside it', () => {
    const { lookupSpec } = registry(triggerType, each, sendType([]), collectType);
    const graph = flow(items);
    graph.edges.push(edge('start', 'mail'));
    const result = validateGraph(graph, lookupSpec);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatchObject({ code: 'FAN_OUT_BODY', nodeId: 'mail' });
  });
});

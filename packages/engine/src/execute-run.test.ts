import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { BusinessError, PermanentError, TransientError } from './errors';
import { memoryEffectStore } from './effect-ledger';
import { executeRun, type ExecuteRunOptions } from './execute-run';
import type { FlowGraph } from './flow-graph';
import type { ExecuteContext, NodeExecutor, NodeResult } from './node-spec';
import type { StepRecord } from './run-types';
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

/** Outputs its `value` config: the simplest way to observe resolved expressions. */
const setType = defineTestNode({
  type: 'test.set',
  config: z.object({ value: z.unknown() }),
  execute: async (ctx) => ({ output: ctx.config.value }),
});

/** Picks a port from a JSONata condition it evaluates itself (a raw expression field). */
const ifType = defineTestNode({
  type: 'test.if',
  config: z.object({ condition: z.string() }),
  ports: { inputs: ['in'], outputs: ['true', 'false'] },
  rawExpressionFields: ['condition'],
  execute: async (ctx) => {
    const verdict = await ctx.evaluate(ctx.config.condition, ctx.input);
    return { port: verdict === true ? 'true' : 'false', output: ctx.input };
  },
});

/** Answers the caller: its type name is its own, the flag is what the engine reads. */
const respondType = defineTestNode({
  type: 'test.answer',
  answersCaller: true,
  config: z.object({ status: z.number().int(), body: z.unknown() }),
  ports: { inputs: ['in'], outputs: [] },
  execute: async (ctx) => ({
    output: {
      status: ctx.config.status,
      headers: { 'content-type': 'application/json' },
      body: ctx.config.body,
    },
  }),
});

type ChargeConfig = { amount: number; currency: string };
type Behaviour = (ctx: ExecuteContext<ChargeConfig>) => Promise<NodeResult>;

/** A node with external effects whose behaviour each test scripts. */
function chargeType(behaviour: Behaviour) {
  return defineTestNode<ChargeConfig>({
    type: 'test.charge',
    config: z.object({ amount: z.number().int(), currency: z.string().length(3) }),
    ports: { inputs: ['in'], outputs: ['success', 'error'] },
    effects: true,
    execute: behaviour,
  });
}

const waitType = defineTestNode({
  type: 'test.wait',
  config: z.object({ minutes: z.number() }),
  execute: async (ctx) =>
    ctx.resume
      ? { output: { resumedWith: ctx.resume.state } }
      : {
          suspendUntil: new Date(ctx.now().getTime() + ctx.config.minutes * 60_000),
          state: { ticket: 'T-1' },
        },
});

const start = buildNode('start', 'test.trigger');
const charge = buildNode('charge', 'test.charge', { amount: '=$trigger.total', currency: 'USD' });
const order = { id: '5012345678901', total: 2500, callbackUrl: 'https://shop.example/cb' };

interface Harness {
  store: MemoryStore;
  clock: ReturnType<typeof fakeClock>;
  execute(overrides?: Partial<ExecuteRunOptions>): ReturnType<typeof executeRun>;
}

function harness<T extends unknown[]>(
  graph: FlowGraph,
  ...executors: { [K in keyof T]: NodeExecutor<T[K]> }
): Harness {
  const store = memoryStore();
  const clock = fakeClock();
  const extra = executors as unknown as NodeExecutor<unknown>[];
  const { lookupExecutor } = registry(
    triggerType,
    setType,
    ifType,
    respondType,
    waitType,
    ...extra,
  );
  return {
    store,
    clock,
    execute: (overrides = {}) =>
      executeRun({
        runId: 'run_1',
        flowId: 'flow_1',
        graph,
        trigger: order,
        priorSteps: [...store.steps],
        lookupExecutor,
        store,
        now: clock.now,
        random: () => 0,
        env: { REGION: 'eu' },
        ...overrides,
      }),
  };
}

const stepsOf = (store: MemoryStore, nodeId: string): StepRecord[] =>
  store.steps.filter((s) => s.nodeId === nodeId);

const summary = (store: MemoryStore) =>
  store.steps.map((s) => [s.seq, s.nodeId, s.status, s.attempt]);

describe('executeRun: expressions and routing', () => {
  it('resolves config expressions against $, $trigger, $node, $env and $input', async () => {
    const graph = buildFlow(
      [
        start,
        buildNode('first', 'test.set', { value: { total: '=$trigger.total * 2' } }),
        buildNode('second', 'test.set', {
          value: {
            orderId: '=$trigger.id',
            doubled: '=$node("first").total',
            fromInput: '=total',
            alsoInput: '=$input.total',
            region: '=$env.REGION',
            nested: ['=$string($trigger.total)', 'literal', { deep: '=$uppercase($env.REGION)' }],
            notRun: '=$node("later")',
          },
        }),
        buildNode('later', 'test.set', { value: 1 }),
      ],
      [edge('start', 'first'), edge('first', 'second'), edge('second', 'later')],
    );
    const h = harness(graph);
    expect(await h.execute()).toEqual({ status: 'succeeded', response: null });
    expect(stepsOf(h.store, 'second')[0]?.output).toEqual({
      orderId: '5012345678901',
      doubled: 5000,
      fromInput: 5000,
      alsoInput: 5000,
      region: 'eu',
      nested: ['2500', 'literal', { deep: 'EU' }],
    });
  });

  it('records the trigger as step 0 with the event as output on its first port', async () => {
    const h = harness(buildFlow([start]));
    await h.execute();
    expect(h.store.steps).toEqual([
      expect.objectContaining({
        seq: 0,
        nodeId: 'start',
        nodeType: 'test.trigger',
        status: 'succeeded',
        port: 'out',
        output: order,
      }),
    ]);
  });

  it('follows only the edges of the port a step emitted on', async () => {
    const graph = buildFlow(
      [
        start,
        buildNode('big', 'test.if', { condition: 'total > 1000' }),
        buildNode('review', 'test.set', { value: 'review' }),
        buildNode('auto', 'test.set', { value: 'auto' }),
      ],
      [edge('start', 'big'), edge('big.true', 'review'), edge('big.false', 'auto')],
    );
    const h = harness(graph);
    await h.execute();
    expect(h.store.steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['start', 'out'],
      ['big', 'true'],
      ['review', 'out'],
    ]);
  });

  it('walks breadth-first in edge order and runs a node reached twice only once, with the input that reached it first', async () => {
    const graph = buildFlow(
      [
        start,
        buildNode('left', 'test.set', { value: 'from-left' }),
        buildNode('right', 'test.set', { value: 'from-right' }),
        buildNode('join', 'test.set', { value: '=$' }),
      ],
      [edge('start', 'left'), edge('start', 'right'), edge('right', 'join'), edge('left', 'join')],
    );
    const h = harness(graph);
    await h.execute();
    expect(h.store.steps.map((s) => s.nodeId)).toEqual(['start', 'left', 'right', 'join']);
    expect(stepsOf(h.store, 'join')).toEqual([expect.objectContaining({ input: 'from-left' })]);
  });

  it('returns the output of the node that answers the caller as the run response', async () => {
    const graph = buildFlow(
      [start, buildNode('reply', 'test.answer', { status: 202, body: { id: '=$trigger.id' } })],
      [edge('start', 'reply')],
    );
    expect(await harness(graph).execute()).toEqual({
      status: 'succeeded',
      response: {
        status: 202,
        headers: { 'content-type': 'application/json' },
        body: { id: '5012345678901' },
      },
    });
  });

  it('takes the response from the answersCaller flag, not from a node type named respond', async () => {
    const namedRespond = defineTestNode({
      type: 'respond',
      execute: async () => ({ output: { status: 202, headers: {}, body: 'not an answer' } }),
    });
    const graph = buildFlow([start, buildNode('reply', 'respond', {})], [edge('start', 'reply')]);
    expect(await harness(graph, namedRespond).execute()).toEqual({
      status: 'succeeded',
      response: null,
    });
  });

  it('gives executors a stable idempotency key, the attempt, and evaluate with run bindings', async () => {
    const seen: unknown[] = [];
    const probe = chargeType(async (ctx) => {
      seen.push(
        ctx.idempotencyKey,
        ctx.attempt,
        await ctx.evaluate('=$trigger.id & "/" & $env.REGION', null),
      );
      return { output: {} };
    });
    await harness(buildFlow([start, charge], [edge('start', 'charge')]), probe).execute();
    expect(seen).toEqual(['run_1:charge', 1, '5012345678901/eu']);
  });
});

describe('executeRun: failures', () => {
  it('routes a business error to the error port with the error and the input, redacting card numbers', async () => {
    const decline = chargeType(async () => {
      throw new BusinessError('DECLINED', 'Card 4111111111111111 was declined', {
        details: { response: { card: '4111111111111111', code: 102 } },
      });
    });
    const graph = buildFlow(
      [
        start,
        charge,
        buildNode('notify', 'test.set', { value: '=error.code' }),
        buildNode('ship', 'test.set', { value: 1 }),
      ],
      [edge('start', 'charge'), edge('charge.error', 'notify'), edge('charge.success', 'ship')],
    );
    const h = harness(graph, decline);
    expect(await h.execute()).toEqual({ status: 'succeeded', response: null });
    const error = {
      errorClass: 'business',
      code: 'DECLINED',
      message: 'Card ************1111 was declined',
      details: { response: { card: '************1111', code: 102 } },
    };
    expect(stepsOf(h.store, 'charge')).toEqual([
      expect.objectContaining({
        status: 'failed',
        port: 'error',
        error,
        output: { error, input: order },
      }),
    ]);
    expect(stepsOf(h.store, 'notify')).toEqual([expect.objectContaining({ output: 'DECLINED' })]);
    expect(stepsOf(h.store, 'ship')).toEqual([]);
    expect(JSON.stringify(h.store.calls)).not.toContain('4111111111111111');
  });

  it('fails the run on a business error when the error port is not wired', async () => {
    const decline = chargeType(async () => {
      throw new BusinessError('DECLINED', 'declined');
    });
    const h = harness(buildFlow([start, charge], [edge('start', 'charge')]), decline);
    expect(await h.execute()).toEqual({
      status: 'failed',
      nodeId: 'charge',
      error: { errorClass: 'business', code: 'DECLINED', message: 'declined' },
    });
    expect(stepsOf(h.store, 'charge')).toEqual([
      expect.objectContaining({ status: 'failed', port: null }),
    ]);
  });

  it('fails immediately on a permanent error, without retrying', async () => {
    const execute = vi.fn(async (): Promise<NodeResult> => {
      throw new PermanentError('MAPPING', 'currency not supported');
    });
    const h = harness(buildFlow([start, charge], [edge('start', 'charge')]), chargeType(execute));
    expect(await h.execute()).toMatchObject({
      status: 'failed',
      nodeId: 'charge',
      error: { code: 'MAPPING' },
    });
    expect(execute).toHaveBeenCalledTimes(1);
    expect(summary(h.store)).toEqual([
      [0, 'start', 'succeeded', 1],
      [1, 'charge', 'failed', 1],
    ]);
  });

  it('fails with CONFIG_INVALID when a resolved expression does not fit the schema', async () => {
    const execute = vi.fn(async () => ({ output: {} }));
    const graph = buildFlow(
      [start, buildNode('charge', 'test.charge', { amount: '=$trigger.id', currency: 'USD' })],
      [edge('start', 'charge')],
    );
    const outcome = await harness(graph, chargeType(execute)).execute();
    expect(outcome).toMatchObject({
      status: 'failed',
      error: {
        errorClass: 'permanent',
        code: 'CONFIG_INVALID',
        details: { issues: [expect.objectContaining({ path: ['amount'] })] },
      },
    });
    expect(execute).not.toHaveBeenCalled();
  });

  it('fails with UNKNOWN_PORT when an executor emits on a port the node does not have', async () => {
    const odd = chargeType(async () => ({ port: 'maybe', output: {} }));
    const outcome = await harness(
      buildFlow([start, charge], [edge('start', 'charge')]),
      odd,
    ).execute();
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { errorClass: 'permanent', code: 'UNKNOWN_PORT' },
    });
  });

  it('stops a runaway config expression with EXPRESSION_TIMEOUT', async () => {
    const graph = buildFlow(
      [
        start,
        buildNode('loop', 'test.set', { value: '=(function($f){$f($f)})(function($f){$f($f)})' }),
      ],
      [edge('start', 'loop')],
    );
    const began = Date.now();
    const outcome = await harness(graph).execute({ limits: { timeoutMs: 200 } });
    expect(Date.now() - began).toBeLessThan(2000);
    expect(outcome).toMatchObject({
      status: 'failed',
      nodeId: 'loop',
      error: { errorClass: 'permanent', code: 'EXPRESSION_TIMEOUT' },
    });
  });

  it('fails the run up front when the graph is invalid', async () => {
    const graph = buildFlow([start, buildNode('x', 'test.unknown')], [edge('start', 'x')]);
    const h = harness(graph);
    expect(await h.execute()).toMatchObject({
      status: 'failed',
      nodeId: 'x',
      error: { errorClass: 'permanent', code: 'GRAPH_INVALID' },
    });
    expect(h.store.calls).toEqual([
      { steps: [], outcome: expect.objectContaining({ status: 'failed' }) },
    ]);
  });
});

describe('executeRun: retries and resume', () => {
  it('waits after a transient error, then resumes with attempt 2 without re-running completed nodes', async () => {
    const prepare = vi.fn(async (ctx: ExecuteContext<unknown>): Promise<NodeResult> => ({
      output: ctx.input,
    }));
    const prepareType = defineTestNode({ type: 'test.prepare', execute: prepare });
    const attempts: number[] = [];
    const flaky = chargeType(async (ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt === 1)
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return { output: { transactionId: 'T1' } };
    });
    const graph = buildFlow(
      [
        start,
        buildNode('prepare', 'test.prepare'),
        charge,
        buildNode('after', 'test.set', { value: '=transactionId' }),
      ],
      [edge('start', 'prepare'), edge('prepare', 'charge'), edge('charge.success', 'after')],
    );
    const h = harness(graph, prepareType, flaky);

    const first = await h.execute();
    const resumeAt = new Date(h.clock.now().getTime() + 1000);
    expect(first).toEqual({ status: 'waiting', reason: 'retry', nodeId: 'charge', resumeAt });
    expect(stepsOf(h.store, 'charge')).toEqual([
      expect.objectContaining({
        status: 'retrying',
        attempt: 1,
        resumeAt,
        error: expect.objectContaining({ errorClass: 'transient', code: 'NETWORK_ERROR' }),
      }),
    ]);

    h.clock.advance(1000);
    expect(await h.execute()).toEqual({ status: 'succeeded', response: null });
    expect(attempts).toEqual([1, 2]);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(summary(h.store)).toEqual([
      [0, 'start', 'succeeded', 1],
      [1, 'prepare', 'succeeded', 1],
      [2, 'charge', 'retrying', 1],
      [3, 'charge', 'succeeded', 2],
      [4, 'after', 'succeeded', 1],
    ]);
    expect(stepsOf(h.store, 'after')[0]?.output).toBe('T1');
  });

  it('retries a step whose effect record hit a database restart, instead of dead-lettering the run', async () => {
    // What a postgres.js query against a restarting server rejects with, inside ctx.effects.
    const adminShutdown = Object.assign(
      new Error('terminating connection due to administrator command'),
      { name: 'PostgresError', code: '57P01', severity: 'FATAL' },
    );
    const flaky = chargeType(async (ctx) => {
      if (ctx.attempt === 1) throw adminShutdown;
      return { output: { transactionId: 'T1' } };
    });
    const h = harness(buildFlow([start, charge], [edge('start', 'charge')]), flaky);
    const first = await h.execute();
    expect(first).toMatchObject({ status: 'waiting', reason: 'retry', nodeId: 'charge' });
    expect(stepsOf(h.store, 'charge')).toEqual([
      expect.objectContaining({
        status: 'retrying',
        error: expect.objectContaining({ errorClass: 'transient', code: 'DATABASE_UNAVAILABLE' }),
      }),
    ]);
    h.clock.advance(1000);
    expect(await h.execute()).toEqual({ status: 'succeeded', response: null });
  });

  it('keeps waiting without executing when resumed before the retry is due', async () => {
    const execute = vi.fn(async (): Promise<NodeResult> => {
      throw new TransientError('THROTTLED', 'slow down', { retryAfterMs: 30_000 });
    });
    const h = harness(buildFlow([start, charge], [edge('start', 'charge')]), chargeType(execute));
    const first = await h.execute();
    expect(first).toMatchObject({
      status: 'waiting',
      resumeAt: new Date(h.clock.now().getTime() + 30_000),
    });

    h.clock.advance(10_000);
    expect(await h.execute()).toEqual(first);
    expect(execute).toHaveBeenCalledTimes(1);
    expect(h.store.calls.at(-1)).toEqual({ steps: [], outcome: first });
  });

  it('fails the run when the retry budget is exhausted', async () => {
    const execute = vi.fn(async (): Promise<NodeResult> => {
      throw new TransientError('HTTP_503', 'unavailable');
    });
    const graph = buildFlow(
      [start, { ...charge, retry: { maxAttempts: 3 } }],
      [edge('start', 'charge')],
    );
    const h = harness(graph, chargeType(execute));
    expect(await h.execute()).toMatchObject({ status: 'waiting', reason: 'retry' });
    h.clock.advance(1000);
    expect(await h.execute()).toMatchObject({
      status: 'waiting',
      resumeAt: new Date(h.clock.now().getTime() + 2000),
    });
    h.clock.advance(2000);
    expect(await h.execute()).toMatchObject({
      status: 'failed',
      nodeId: 'charge',
      error: { errorClass: 'transient', code: 'HTTP_503' },
    });
    expect(stepsOf(h.store, 'charge').map((s) => [s.status, s.attempt, s.port])).toEqual([
      ['retrying', 1, null],
      ['retrying', 2, null],
      ['failed', 3, null],
    ]);
  });

  it('runs a terminally failed node again from attempt 1 when the run is retried, and only that node', async () => {
    const prepare = vi.fn(async (ctx: ExecuteContext<unknown>): Promise<NodeResult> => ({
      output: ctx.input,
    }));
    const prepareType = defineTestNode({ type: 'test.prepare', execute: prepare });
    let broken = true;
    const attempts: number[] = [];
    const fixable = chargeType(async (ctx) => {
      attempts.push(ctx.attempt);
      if (broken) throw new TransientError('HTTP_503', 'unavailable');
      return { output: { ok: true } };
    });
    const graph = buildFlow(
      [start, buildNode('prepare', 'test.prepare'), { ...charge, retry: { maxAttempts: 2 } }],
      [edge('start', 'prepare'), edge('prepare', 'charge')],
    );
    const h = harness(graph, prepareType, fixable);
    await h.execute();
    h.clock.advance(1000);
    expect(await h.execute()).toMatchObject({ status: 'failed' });

    broken = false;
    expect(await h.execute()).toEqual({ status: 'succeeded', response: null });
    expect(attempts).toEqual([1, 2, 1]);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(summary(h.store).at(-1)).toEqual([4, 'charge', 'succeeded', 1]);
  });

  it('suspends, keeps waiting until the time comes, then resumes the node with its saved state', async () => {
    const graph = buildFlow(
      [
        start,
        buildNode('wait', 'test.wait', { minutes: 60 }),
        buildNode('after', 'test.set', { value: '=$' }),
      ],
      [edge('start', 'wait'), edge('wait', 'after')],
    );
    const h = harness(graph);
    const until = new Date(h.clock.now().getTime() + 3_600_000);
    const waiting = { status: 'waiting', reason: 'suspend', nodeId: 'wait', resumeAt: until };
    expect(await h.execute()).toEqual(waiting);
    expect(stepsOf(h.store, 'wait')).toEqual([
      expect.objectContaining({ status: 'suspended', resumeAt: until, state: { ticket: 'T-1' } }),
    ]);

    h.clock.advance(1_800_000);
    expect(await h.execute()).toEqual(waiting);
    expect(stepsOf(h.store, 'wait')).toHaveLength(1);

    h.clock.advance(1_800_000);
    expect(await h.execute()).toEqual({ status: 'succeeded', response: null });
    expect(stepsOf(h.store, 'after')[0]?.output).toEqual({ resumedWith: { ticket: 'T-1' } });
  });

  it('retries a resumed step as a resumption, keeping the state it saved', async () => {
    const resumes: unknown[] = [];
    const poll = defineTestNode({
      type: 'test.poll',
      execute: async (ctx) => {
        if (!ctx.resume)
          return { suspendUntil: new Date(ctx.now().getTime() + 60_000), state: { batch: 7 } };
        resumes.push([ctx.attempt, ctx.resume.state]);
        if (ctx.attempt === 1) throw new TransientError('HTTP_502', 'bad gateway');
        return { output: 'settled' };
      },
    });
    const h = harness(
      buildFlow([start, buildNode('poll', 'test.poll')], [edge('start', 'poll')]),
      poll,
    );
    expect(await h.execute()).toMatchObject({ status: 'waiting', reason: 'suspend' });
    h.clock.advance(60_000);
    expect(await h.execute()).toMatchObject({ status: 'waiting', reason: 'retry' });
    h.clock.advance(1000);
    expect(await h.execute()).toEqual({ status: 'succeeded', response: null });
    expect(resumes).toEqual([
      [1, { batch: 7 }],
      [2, { batch: 7 }],
    ]);
  });

  it('fails a step that outlives its timeout as transient STEP_TIMEOUT and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const hang = chargeType(async (ctx) => {
      signal = ctx.signal;
      return new Promise<NodeResult>(() => {}); // ignores the signal on purpose
    });
    const h = harness(buildFlow([start, charge], [edge('start', 'charge')]), hang);
    expect(await h.execute({ stepTimeoutMs: 30 })).toMatchObject({
      status: 'waiting',
      reason: 'retry',
    });
    expect(signal?.aborted).toBe(true);
    expect(stepsOf(h.store, 'charge')[0]?.error).toMatchObject({
      errorClass: 'transient',
      code: 'STEP_TIMEOUT',
    });
  });

  it('stops on worker shutdown without recording the interrupted step', async () => {
    const controller = new AbortController();
    const slow = chargeType(async () => {
      controller.abort(new Error('shutting down'));
      return new Promise<NodeResult>(() => {});
    });
    const h = harness(buildFlow([start, charge], [edge('start', 'charge')]), slow);
    await expect(h.execute({ signal: controller.signal })).rejects.toThrow('shutting down');
    expect(h.store.calls).toEqual([]);
  });
});

describe('executeRun: checkpoints', () => {
  it('writes a pure flow in exactly one checkpoint, with the outcome', async () => {
    const graph = buildFlow(
      [
        start,
        buildNode('a', 'test.set', { value: 1 }),
        buildNode('b', 'test.set', { value: 2 }),
        buildNode('c', 'test.set', { value: 3 }),
      ],
      [edge('start', 'a'), edge('a', 'b'), edge('b', 'c')],
    );
    const h = harness(graph);
    await h.execute();
    expect(h.store.calls).toHaveLength(1);
    expect(h.store.calls[0]?.steps.map((s) => s.nodeId)).toEqual(['start', 'a', 'b', 'c']);
    expect(h.store.calls[0]?.outcome).toEqual({ status: 'succeeded', response: null });
  });

  it('makes a step with effects durable right after it ran, before the next node runs', async () => {
    let durableWhenNextRan: string[] = [];
    const h: Harness = harness(
      buildFlow(
        [start, buildNode('a', 'test.set', { value: 1 }), charge, buildNode('b', 'test.probe')],
        [edge('start', 'a'), edge('a', 'charge'), edge('charge.success', 'b')],
      ),
      chargeType(async () => ({ output: { id: 'T1' } })),
      defineTestNode({
        type: 'test.probe',
        execute: async () => {
          durableWhenNextRan = h.store.steps.map((s) => s.nodeId);
          return { output: null };
        },
      }),
    );
    await h.execute();
    expect(durableWhenNextRan).toEqual(['start', 'a', 'charge']);
    expect(
      h.store.calls.map((c) => [c.steps.map((s) => s.nodeId), c.outcome?.status ?? null]),
    ).toEqual([
      [['start', 'a', 'charge'], null],
      [['b'], 'succeeded'],
    ]);
  });

  it('acquires the run once, right before the first effect, and never for a pure flow', async () => {
    const events: string[] = [];
    const pure = harness(
      buildFlow([start, buildNode('a', 'test.set', { value: 1 })], [edge('start', 'a')]),
    );
    pure.store.acquire = async () => {
      events.push('acquire');
    };
    await pure.execute();
    expect(events).toEqual([]);

    const effects = harness(
      buildFlow(
        [
          start,
          buildNode('a', 'test.set', { value: 1 }),
          charge,
          buildNode('b', 'test.set', { value: 2 }),
        ],
        [edge('start', 'a'), edge('a', 'charge'), edge('charge.success', 'b')],
      ),
      chargeType(async () => {
        events.push('charge');
        return { output: { id: 'T1' } };
      }),
    );
    effects.store.acquire = async () => {
      events.push('acquire');
    };
    await effects.execute();
    expect(events).toEqual(['acquire', 'charge']);
  });

  it('folds the flush of a final effects step into the one final checkpoint', async () => {
    const h = harness(
      buildFlow([start, charge], [edge('start', 'charge')]),
      chargeType(async () => ({ output: {} })),
    );
    await h.execute();
    expect(h.store.calls.map((c) => [c.steps.length, c.outcome?.status])).toEqual([
      [2, 'succeeded'],
    ]);
  });

  it('flushes after an effects step that failed into the error port', async () => {
    const h = harness(
      buildFlow(
        [start, charge, buildNode('notify', 'test.set', { value: 1 })],
        [edge('start', 'charge'), edge('charge.error', 'notify')],
      ),
      chargeType(async () => {
        throw new BusinessError('DECLINED', 'declined');
      }),
    );
    await h.execute();
    expect(
      h.store.calls.map((c) => [c.steps.map((s) => s.nodeId), c.outcome?.status ?? null]),
    ).toEqual([
      [['start', 'charge'], null],
      [['notify'], 'succeeded'],
    ]);
  });
});

describe('executeRun: effect ledger', () => {
  it('hands each node its ledger, so a re-execution after a lost checkpoint finds the claim', async () => {
    const effects = memoryEffectStore({ runId: 'run_1' });
    const seen: string[] = [];
    const h = harness(
      buildFlow([start, charge], [edge('start', 'charge')]),
      chargeType(async (ctx) => {
        const claim = await ctx.effects!.claim({ item: '' }, `amount=${ctx.config.amount}`);
        seen.push(claim.state);
        if (claim.state === 'new') throw new Error('worker lost before the checkpoint');
        return { port: 'success', output: { reference: claim.reference } };
      }),
    );
    await h.execute({ effects });
    await h.execute({ effects, priorSteps: [] });
    expect(seen).toEqual(['new', 'unknown']);
    expect([...effects.records.keys()]).toEqual(['flow:flow-1/event:event-1/node:charge/item:']);
  });

  it('leaves ctx.effects undefined when the host keeps no ledger', async () => {
    let present: boolean | undefined;
    const h = harness(
      buildFlow([start, charge], [edge('start', 'charge')]),
      chargeType(async (ctx) => {
        present = ctx.effects !== undefined;
        return { port: 'success', output: {} };
      }),
    );
    await h.execute();
    expect(present).toBe(false);
  });
});

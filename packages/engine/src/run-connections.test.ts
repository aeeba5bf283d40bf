import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { PermanentError } from './errors';
import { executeRun, type ExecuteRunOptions } from './execute-run';
import type { FlowGraph } from './flow-graph';
import type { ExecuteContext, NodeExecutor, NodeResult } from './node-spec';
import type { RunConnection } from './run-connections';
import { buildFlow, buildNode, defineTestNode, edge, memoryStore, registry } from './test-helpers';
import { validateGraph } from './validate-graph';

const API_ID = '11111111-1111-4111-8111-111111111111';
const BASIC_ID = '22222222-2222-4222-8222-222222222222';
const GONE_ID = '33333333-3333-4333-8333-333333333333';
const SECRET = 'sk_live_TOPSECRET_42';
const PASSWORD = 'correct-horse-battery';

const connections: Record<string, RunConnection> = {
  [API_ID]: {
    type: 'api.key',
    values: { header: 'X-Api-Key', key: SECRET },
    secretValues: [SECRET],
  },
  [BASIC_ID]: {
    type: 'basic',
    values: { user: 'ann', password: PASSWORD },
    secretValues: [PASSWORD],
  },
};

const trigger = defineTestNode({ type: 'test.trigger', kind: 'trigger' });
const collect = defineTestNode({ type: 'test.collect' });

type CallConfig = { connectionId?: string };
type Behaviour = (ctx: ExecuteContext<CallConfig>) => Promise<NodeResult>;

/** A node that uses an `api.key` connection and does whatever the test scripts with it. */
function caller(behaviour: Behaviour, optional = false) {
  return defineTestNode<CallConfig>({
    type: 'test.call',
    config: z.object({ connectionId: z.string().optional() }),
    ports: { inputs: ['in'], outputs: ['out', 'error'] },
    effects: true,
    connection: { type: ['api.key'], field: 'connectionId', optional },
    execute: behaviour,
  });
}

function run(
  graph: FlowGraph,
  executor: NodeExecutor<CallConfig>,
  overrides: Partial<ExecuteRunOptions> = {},
) {
  const store = memoryStore();
  const { lookupExecutor } = registry(trigger, collect, executor);
  const resolveConnection = vi.fn(async (id: string) => connections[id] ?? null);
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const outcome = executeRun({
    runId: 'run_1',
    flowId: 'flow_1',
    graph,
    trigger: { order: 7 },
    priorSteps: [],
    lookupExecutor,
    store,
    resolveConnection,
    logger,
    ...overrides,
  });
  return { store, outcome, resolveConnection, logger };
}

const linear = (config: Record<string, unknown>) =>
  buildFlow(
    [buildNode('start', 'test.trigger'), buildNode('call', 'test.call', config)],
    [edge('start', 'call')],
  );

describe('executeRun: connections', () => {
  it('hands the decrypted values to the executor and scrubs them from everything recorded', async () => {
    let seen: unknown;
    const executor = caller(async (ctx) => {
      seen = { type: ctx.connectionType, values: ctx.connection };
      ctx.logger.info(`calling with ${SECRET}`, { key: ctx.connection?.key });
      return { output: { echoed: `header was ${String(ctx.connection?.key)}`, [SECRET]: 1 } };
    });
    const { store, outcome, logger } = run(linear({ connectionId: API_ID }), executor);
    expect(await outcome).toMatchObject({ status: 'succeeded' });
    expect(seen).toEqual({ type: 'api.key', values: { header: 'X-Api-Key', key: SECRET } });
    const call = store.steps.find((s) => s.nodeId === 'call');
    expect(call?.output).toEqual({ echoed: 'header was [secret]', '[secret]': 1 });
    expect(JSON.stringify(store.calls)).not.toContain(SECRET);
    expect(logger.info).toHaveBeenCalledWith(
      'calling with [secret]',
      expect.objectContaining({ key: '[secret]' }),
    );
  });

  it('scrubs secrets from errors, the error port output and the failed outcome', async () => {
    const executor = caller(async (ctx) => {
      throw new PermanentError('REMOTE', `refused key ${String(ctx.connection?.key)}`, {
        details: { sent: { key: ctx.connection?.key } },
      });
    });
    const failed = run(linear({ connectionId: API_ID }), executor);
    const outcome = await failed.outcome;
    expect(outcome).toMatchObject({ status: 'failed', error: { message: 'refused key [secret]' } });
    expect(JSON.stringify(failed.store.calls)).not.toContain(SECRET);

    const routed = buildFlow(
      [
        buildNode('start', 'test.trigger'),
        buildNode('call', 'test.call', { connectionId: API_ID }),
        buildNode('after', 'test.collect'),
      ],
      [edge('start', 'call'), edge('call.error', 'after.in')],
    );
    const viaPort = run(routed, executor);
    expect(await viaPort.outcome).toMatchObject({ status: 'succeeded' });
    const after = viaPort.store.steps.find((s) => s.nodeId === 'after');
    expect(JSON.stringify(after?.input)).toContain('refused key [secret]');
    expect(JSON.stringify(viaPort.store.calls)).not.toContain(SECRET);
  });

  it('scrubs suspension state, and secrets that arrived before the node that uses them', async () => {
    const executor = caller(async (ctx) =>
      ctx.resume
        ? { output: ctx.resume.state }
        : { suspendUntil: new Date(Date.now() + 60_000), state: { key: ctx.connection?.key } },
    );
    const { store, outcome } = run(linear({ connectionId: API_ID }), executor, {
      trigger: { note: `customer pasted ${SECRET}` },
    });
    expect(await outcome).toMatchObject({ status: 'waiting', reason: 'suspend' });
    expect(store.steps.find((s) => s.nodeId === 'start')?.output).toEqual({
      note: 'customer pasted [secret]',
    });
    expect(store.steps.find((s) => s.nodeId === 'call')?.state).toEqual({ key: '[secret]' });
    expect(JSON.stringify(store.calls)).not.toContain(SECRET);
  });

  it('fails permanently with CONNECTION_INVALID for a missing connection or a wrong type', async () => {
    const executor = caller(async () => ({ output: 'never' }));
    const missing = await run(linear({ connectionId: GONE_ID }), executor).outcome;
    expect(missing).toMatchObject({
      status: 'failed',
      nodeId: 'call',
      error: { errorClass: 'permanent', code: 'CONNECTION_INVALID' },
    });
    const wrongType = await run(linear({ connectionId: BASIC_ID }), executor).outcome;
    expect(wrongType).toMatchObject({
      status: 'failed',
      error: { code: 'CONNECTION_INVALID', message: expect.stringContaining('basic') },
    });
    const noResolver = await run(linear({ connectionId: API_ID }), executor, {
      resolveConnection: undefined,
    }).outcome;
    expect(noResolver).toMatchObject({ status: 'failed', error: { code: 'CONNECTION_INVALID' } });
  });

  it('passes a lookup failure on to the node that needs it, as its own error', async () => {
    const executor = caller(async () => ({ output: 'never' }));
    const { outcome } = run(linear({ connectionId: API_ID }), executor, {
      resolveConnection: async () => {
        throw new PermanentError('SECRET_UNREADABLE', 'Connection x: field key does not decrypt');
      },
    });
    expect(await outcome).toMatchObject({
      status: 'failed',
      error: { errorClass: 'permanent', code: 'SECRET_UNREADABLE' },
    });
  });

  it('does not fail a run for a broken connection on a branch it never reaches', async () => {
    const executor = caller(async () => ({ output: 'never' }));
    const graph = buildFlow(
      [
        buildNode('start', 'test.trigger'),
        buildNode('done', 'test.collect'),
        buildNode('call', 'test.call', { connectionId: GONE_ID }),
      ],
      [edge('start', 'done')],
    );
    const { outcome, resolveConnection } = run(graph, executor);
    expect(await outcome).toMatchObject({ status: 'succeeded' });
    expect(resolveConnection).toHaveBeenCalledWith(GONE_ID);
  });

  it('runs a node with an optional connection left unset without resolving anything', async () => {
    let seen: unknown = 'unset';
    const executor = caller(async (ctx) => {
      seen = ctx.connection;
      return { output: 'ok' };
    }, true);
    const { outcome, resolveConnection } = run(linear({}), executor);
    expect(await outcome).toMatchObject({ status: 'succeeded' });
    expect(seen).toBeUndefined();
    expect(resolveConnection).not.toHaveBeenCalled();
  });
});

describe('validateGraph: connection fields', () => {
  const lookup = (optional: boolean) => {
    const executor = caller(async () => ({ output: null }), optional);
    const { lookupSpec } = registry(trigger, executor);
    return lookupSpec;
  };
  const issuesOf = (config: Record<string, unknown>, optional = false) => {
    const result = validateGraph(linear(config), lookup(optional));
    return result.ok ? [] : result.errors.map((i) => [i.code, i.path.join('.'), i.message]);
  };

  it('requires a literal connection id when the spec declares a connection', () => {
    expect(issuesOf({ connectionId: API_ID })).toEqual([]);
    expect(issuesOf({})).toEqual([
      ['CONNECTION_INVALID', 'nodes.1.config.connectionId', 'Choose a connection'],
    ]);
    expect(issuesOf({ connectionId: 'abc' })).toEqual([
      ['CONNECTION_INVALID', 'nodes.1.config.connectionId', 'Not a connection id (a UUID)'],
    ]);
    expect(issuesOf({ connectionId: '=$trigger.id' })[0]?.[0]).toBe('CONNECTION_INVALID');
  });

  it('accepts an optional connection left out, and reports a schema issue only once', () => {
    expect(issuesOf({}, true)).toEqual([]);
    expect(issuesOf({ connectionId: 42 }, true)).toHaveLength(1);
  });
});

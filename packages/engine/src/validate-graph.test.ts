import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildFlow, buildNode, defineTestNode, edge, registry } from './test-helpers';
import { validateGraph, type GraphIssue } from './validate-graph';

const trigger = defineTestNode({ type: 'test.trigger', kind: 'trigger' });
const http = defineTestNode({
  type: 'test.http',
  config: z.object({
    url: z.url(),
    method: z.enum(['GET', 'POST']).default('GET'),
    timeoutMs: z.number().int().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  ports: { inputs: ['in'], outputs: ['success', 'error'] },
});
const branch = defineTestNode({
  type: 'test.branch',
  config: z.object({ rules: z.array(z.object({ port: z.string(), when: z.string() })).min(1) }),
  ports: (config) => ({ inputs: ['in'], outputs: [...config.rules.map((r) => r.port), 'else'] }),
  rawExpressionFields: ['rules'],
});
const mapper = defineTestNode({
  type: 'test.map',
  config: z.object({ expression: z.string().min(1) }),
  rawExpressionFields: ['expression'],
});
const { lookupSpec } = registry(trigger, http, branch, mapper);

const start = buildNode('start', 'test.trigger');
const call = (config: Record<string, unknown> = { url: 'https://erp.example/api' }) =>
  buildNode('call', 'test.http', config);

function errorsOf(graph: unknown): GraphIssue[] {
  const result = validateGraph(graph, lookupSpec);
  if (result.ok) throw new Error('expected the graph to be invalid');
  return result.errors;
}

describe('validateGraph', () => {
  it('keeps the sticky notes that document a flow, and refuses a malformed one', () => {
    const note = { id: 'n1', text: 'Charges the card', position: { x: 10, y: -40 }, color: 'blue' };
    const result = validateGraph({ ...buildFlow([start]), notes: [note] }, lookupSpec);
    expect(result.ok && result.graph.notes).toEqual([note]);
    expect(errorsOf({ ...buildFlow([start]), notes: [{ id: 'bad id', text: 1 }] })).not.toEqual([]);
  });

  it('accepts a valid flow and returns it with defaults applied', () => {
    const result = validateGraph(
      { nodes: [{ id: 'start', type: 'test.trigger', typeVersion: 1 }], edges: [] },
      lookupSpec,
    );
    expect(result).toEqual({
      ok: true,
      graph: {
        nodes: [
          {
            id: 'start',
            type: 'test.trigger',
            typeVersion: 1,
            config: {},
            position: { x: 0, y: 0 },
          },
        ],
        edges: [],
      },
    });
  });

  it('reports shape errors with their path and keeps checking the parts that parse', () => {
    const graph = {
      nodes: [
        start,
        { ...call({ url: 'nope' }) },
        { id: '1bad', type: 'test.map', typeVersion: 1 },
      ],
      edges: [edge('start', 'call')],
    };
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({ code: 'GRAPH_INVALID', path: ['nodes', 2, 'id'], nodeId: '1bad' }),
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        path: ['nodes', 1, 'config', 'url'],
        nodeId: 'call',
      }),
    ]);
  });

  it('rejects something that is not a graph at all', () => {
    expect(errorsOf('hello')).toEqual([
      expect.objectContaining({ code: 'GRAPH_INVALID', path: [] }),
    ]);
  });

  it('reports a duplicate node id at the second occurrence', () => {
    const graph = buildFlow([start, call(), { ...call(), position: { x: 5, y: 5 } }], []);
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_NODE_ID',
        path: ['nodes', 2, 'id'],
        nodeId: 'call',
      }),
    ]);
  });

  it.each([
    ['an unknown type', buildNode('x', 'test.nope')],
    ['an unknown version', buildNode('x', 'test.http', {}, { typeVersion: 2 })],
  ])('reports %s as UNKNOWN_NODE_TYPE', (_label, node) => {
    expect(errorsOf(buildFlow([start, node]))).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_NODE_TYPE',
        path: ['nodes', 1, 'type'],
        nodeId: 'x',
      }),
    ]);
  });

  it('reports one CONFIG_INVALID issue per schema issue, with the path into config', () => {
    const graph = buildFlow([
      start,
      call({ url: 'not a url', method: 'PATCH', headers: { 'x-count': 3 } }),
    ]);
    expect(errorsOf(graph).map((i) => [i.code, i.path])).toEqual([
      ['CONFIG_INVALID', ['nodes', 1, 'config', 'url']],
      ['CONFIG_INVALID', ['nodes', 1, 'config', 'method']],
      ['CONFIG_INVALID', ['nodes', 1, 'config', 'headers', 'x-count']],
    ]);
  });

  it('leaves expression values to run time instead of the schema', () => {
    const graph = buildFlow([
      start,
      call({
        url: '=$trigger.callbackUrl',
        timeoutMs: '=$env.TIMEOUT',
        headers: { 'x-order': '=$string($trigger.id)' },
      }),
    ]);
    expect(validateGraph(graph, lookupSpec).ok).toBe(true);
  });

  it('reports JSONata syntax errors in expressions with their position', () => {
    const graph = buildFlow([
      start,
      call({ url: 'https://a.example', headers: { 'x-order': '=$trigger.(' } }),
    ]);
    const [only, ...rest] = errorsOf(graph);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      path: ['nodes', 1, 'config', 'headers', 'x-order'],
      nodeId: 'call',
    });
    expect(only?.message).toMatch(/at position \d+/);
  });

  it('leaves raw expression fields to the node schema', () => {
    const ok = buildFlow([start, buildNode('m', 'test.map', { expression: '=(' })]);
    expect(validateGraph(ok, lookupSpec).ok).toBe(true);
    const missing = buildFlow([start, buildNode('m', 'test.map', {})]);
    expect(errorsOf(missing)).toEqual([
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        path: ['nodes', 1, 'config', 'expression'],
      }),
    ]);
  });

  it('reports edges to or from unknown nodes as DANGLING_EDGE', () => {
    const graph = buildFlow([start, call()], [edge('ghost', 'call'), edge('start', 'phantom')]);
    expect(errorsOf(graph).map((i) => [i.code, i.path])).toEqual([
      ['DANGLING_EDGE', ['edges', 0, 'from', 'node']],
      ['DANGLING_EDGE', ['edges', 1, 'to', 'node']],
    ]);
  });

  it('reports ports the nodes do not have as UNKNOWN_PORT', () => {
    const after = buildNode('after', 'test.map', { expression: '$' });
    const graph = buildFlow(
      [start, call(), after],
      [edge('start', 'call'), edge('call.failure', 'after'), edge('call.success', 'after.other')],
    );
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_PORT',
        path: ['edges', 1, 'from', 'port'],
        nodeId: 'call',
      }),
      expect.objectContaining({
        code: 'UNKNOWN_PORT',
        path: ['edges', 2, 'to', 'port'],
        nodeId: 'after',
      }),
    ]);
  });

  it('derives ports from config, and skips port checks when that config is invalid', () => {
    const rules = [{ port: 'big', when: 'amount > 100' }];
    const valid = buildFlow(
      [start, buildNode('b', 'test.branch', { rules }), call()],
      [edge('start', 'b'), edge('b.big', 'call'), edge('b.else', 'call'), edge('b.small', 'call')],
    );
    expect(errorsOf(valid)).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_PORT', path: ['edges', 3, 'from', 'port'] }),
    ]);
    const invalid = buildFlow(
      [start, buildNode('b', 'test.branch', { rules: [] }), call()],
      [edge('start', 'b'), edge('b.small', 'call')],
    );
    expect(errorsOf(invalid).map((i) => i.code)).toEqual(['CONFIG_INVALID']);
  });

  it('reports a repeated edge as DUPLICATE_EDGE', () => {
    const graph = buildFlow([start, call()], [edge('start', 'call'), edge('start', 'call')]);
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_EDGE', path: ['edges', 1] }),
    ]);
  });

  it('reports an edge into the trigger as TRIGGER_HAS_INPUT', () => {
    const graph = buildFlow(
      [start, call()],
      [edge('start', 'call'), edge('call.success', 'start')],
    );
    const codes = errorsOf(graph).map((i) => [i.code, i.path]);
    expect(codes).toContainEqual(['TRIGGER_HAS_INPUT', ['edges', 1, 'to', 'node']]);
  });

  it('requires a trigger', () => {
    expect(errorsOf(buildFlow([call()]))).toEqual([
      expect.objectContaining({ code: 'MISSING_TRIGGER', path: ['nodes'] }),
    ]);
  });

  it('does not claim a missing trigger when an unknown node might be it', () => {
    expect(errorsOf(buildFlow([buildNode('t', 'test.webhook')])).map((i) => i.code)).toEqual([
      'UNKNOWN_NODE_TYPE',
    ]);
  });

  it('allows only one trigger', () => {
    const graph = buildFlow([start, call(), buildNode('second', 'test.trigger')]);
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({
        code: 'MULTIPLE_TRIGGERS',
        path: ['nodes', 2],
        nodeId: 'second',
      }),
    ]);
  });

  it('reports a cycle naming its nodes in order', () => {
    const m = (id: string) => buildNode(id, 'test.map', { expression: '$' });
    const graph = buildFlow(
      [start, m('a'), m('b'), m('c')],
      [edge('start', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a')],
    );
    const errors = errorsOf(graph);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'CYCLE', path: ['nodes', 1], nodeId: 'a' }),
    ]);
    expect(errors[0]?.message).toContain('a → b → c → a');
  });

  it('reports a node wired to itself as a cycle', () => {
    const graph = buildFlow([start, call()], [edge('start', 'call'), edge('call.success', 'call')]);
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({
        code: 'CYCLE',
        nodeId: 'call',
        message: expect.stringContaining('call → call'),
      }),
    ]);
  });

  it('allows nodes that the trigger does not reach', () => {
    const graph = buildFlow(
      [start, call(), buildNode('spare', 'test.map', { expression: '$' })],
      [edge('start', 'call')],
    );
    expect(validateGraph(graph, lookupSpec).ok).toBe(true);
  });

  it('returns every issue at once', () => {
    const graph = buildFlow(
      [start, call({ url: 'bad' }), buildNode('x', 'test.nope'), buildNode('t2', 'test.trigger')],
      [edge('start', 'call'), edge('start', 'call'), edge('call.nope', 'ghost')],
    );
    expect(errorsOf(graph).map((i) => i.code)).toEqual([
      'CONFIG_INVALID',
      'UNKNOWN_NODE_TYPE',
      'DUPLICATE_EDGE',
      'DANGLING_EDGE',
      'UNKNOWN_PORT',
      'MULTIPLE_TRIGGERS',
    ]);
  });
});

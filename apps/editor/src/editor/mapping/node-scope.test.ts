import { describe, expect, it } from 'vitest';
import { computeNodeScope } from './node-scope';

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
  id,
  type,
  typeVersion: 1,
  config,
  position: { x: 0, y: 0 },
});
const edge = (from: string, to: string) => ({
  from: { node: from, port: 'out' },
  to: { node: to, port: 'in' },
});
const graph = {
  nodes: [
    node('trigger', 'trigger.rest', { path: 'x' }),
    node('shape', 'map', { expression: '{ "order": body.id }' }),
    node('route', 'branch'),
    node('reply', 'respond'),
  ],
  edges: [edge('trigger', 'shape'), edge('shape', 'route'), edge('route', 'reply')],
};
const sample = { method: 'POST', body: { id: '1001' } };

describe('computeNodeScope', () => {
  it('computes upstream outputs from the pinned sample', async () => {
    const s = await computeNodeScope(graph, 'reply', {}, sample);
    expect(s.inputFrom).toBe('route');
    expect(s.scope.input).toEqual({ order: '1001' });
    expect(s.scope.trigger).toEqual(sample);
    expect(s.sources.map((x) => x.title)).toEqual([
      'Input (from route)',
      '$node("shape")',
      '$trigger (trigger)',
    ]);
    expect(s.sources[1]?.provenance).toBe('computed');
  });

  it('prefers the real data of the run shown on the canvas', async () => {
    const s = await computeNodeScope(
      graph,
      'reply',
      { shape: { order: 'real' }, trigger: sample },
      undefined,
    );
    expect(s.scope.input).toEqual({ order: 'real' });
    expect(s.sources.find((x) => x.title === '$node("shape")')?.provenance).toBe('run');
  });
});

describe('computeNodeScope without data', () => {
  const connectorGraph = {
    nodes: [
      node('trigger', 'trigger.rest'),
      node('lookup', 'http.request'),
      node('reply', 'respond'),
    ],
    edges: [edge('trigger', 'lookup'), edge('lookup', 'reply')],
  };
  const examples: Record<string, unknown> = { 'http.request': { status: 200, body: {} } };

  it('falls back to an example of the declared output, marked as such', async () => {
    const s = await computeNodeScope(
      connectorGraph,
      'reply',
      {},
      undefined,
      (n) => examples[n.type],
    );
    expect(s.scope.input).toEqual({ status: 200, body: {} });
    expect(s.sources[0]?.provenance).toBe('schema');
  });

  it('still prefers a run over the example', async () => {
    const s = await computeNodeScope(
      connectorGraph,
      'reply',
      { lookup: { status: 404 } },
      undefined,
      (n) => examples[n.type],
    );
    expect(s.scope.input).toEqual({ status: 404 });
    expect(s.sources[0]?.provenance).toBe('run');
  });
});

describe('computeNodeScope after a merge', () => {
  // route sends big orders to review, the rest to accept; both lead to book.
  const merge = {
    nodes: [
      node('trigger', 'trigger.rest'),
      node('route', 'branch'),
      node('review', 'map', { expression: '{ "way": "review" }' }),
      node('accept', 'map', { expression: '{ "way": "accept" }' }),
      node('book', 'respond'),
    ],
    edges: [
      edge('trigger', 'route'),
      { from: { node: 'route', port: 'big' }, to: { node: 'review', port: 'in' } },
      { from: { node: 'route', port: 'default' }, to: { node: 'accept', port: 'in' } },
      edge('review', 'book'),
      edge('accept', 'book'),
    ],
  };

  it('takes the input from the way the run took, not from the first wire', async () => {
    const s = await computeNodeScope(
      merge,
      'book',
      { trigger: sample, route: sample, accept: { way: 'accept' } },
      undefined,
      undefined,
      { trigger: 'out', route: 'default', accept: 'out' },
    );
    expect(s.inputFrom).toBe('accept');
    expect(s.scope.input).toEqual({ way: 'accept' });
    expect(s.sources[0]).toMatchObject({ title: 'Input (from accept)', provenance: 'run' });
    // The other way still offers its shape, said not to have run in the run shown.
    const review = s.sources.find((x) => x.title === '$node("review")');
    expect(review).toMatchObject({ provenance: 'computed', unreached: true });
    expect(s.sources[0]?.unreached).toBeUndefined();
  });

  it('follows the port a branch left by where it is itself wired into the merge', async () => {
    // Big orders go straight to book; the rest are accepted first.
    const shortcut = {
      nodes: merge.nodes.filter((n) => n.id !== 'review'),
      edges: [
        edge('trigger', 'route'),
        { from: { node: 'route', port: 'big' }, to: { node: 'book', port: 'in' } },
        { from: { node: 'route', port: 'default' }, to: { node: 'accept', port: 'in' } },
        edge('accept', 'book'),
      ],
    };
    const ports = (route: string) => ({ trigger: 'out', route, accept: 'out' });
    const small = await computeNodeScope(
      shortcut,
      'book',
      { trigger: sample, route: sample, accept: { way: 'accept' } },
      undefined,
      undefined,
      ports('default'),
    );
    expect(small.inputFrom).toBe('accept');
    const big = await computeNodeScope(
      shortcut,
      'book',
      { trigger: sample, route: { big: true } },
      undefined,
      undefined,
      ports('big'),
    );
    expect(big.inputFrom).toBe('route');
    expect(big.scope.input).toEqual({ big: true });
  });
});

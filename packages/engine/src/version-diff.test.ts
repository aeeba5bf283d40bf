import { describe, expect, it } from 'vitest';
import type { FlowGraph, NodeInstance } from './flow-graph';
import { diffVersions, isEmptyDiff } from './version-diff';

function node(id: string, config: Record<string, unknown> = {}, extra: Partial<NodeInstance> = {}) {
  return { id, type: 'core.map', typeVersion: 1, config, position: { x: 0, y: 0 }, ...extra };
}

const edge = (from: string, to: string, port = 'out') => ({
  from: { node: from, port },
  to: { node: to, port: 'in' },
});

const v1: FlowGraph = {
  nodes: [
    node('trigger', { path: 'orders' }, { type: 'trigger.rest' }),
    node('charge', { amount: '$trigger.body.total', currency: 'USD', headers: { a: '1' } }),
    node('old'),
  ],
  edges: [edge('trigger', 'charge'), edge('charge', 'old')],
};

describe('diffVersions', () => {
  it('finds nothing between a version and itself', () => {
    const d = diffVersions(v1, structuredClone(v1));
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.moved).toEqual([]);
  });

  it('lists nodes added and removed, and wires added and removed', () => {
    const v2: FlowGraph = {
      nodes: [v1.nodes[0]!, v1.nodes[1]!, node('notify', {}, { type: 'notify.webhook' })],
      edges: [edge('trigger', 'charge'), edge('charge', 'notify')],
    };
    const d = diffVersions(v1, v2);
    expect(d.added.map((n) => n.id)).toEqual(['notify']);
    expect(d.removed.map((n) => n.id)).toEqual(['old']);
    expect(d.edgesAdded).toEqual([edge('charge', 'notify')]);
    expect(d.edgesRemoved).toEqual([edge('charge', 'old')]);
    expect(d.changed).toEqual([]);
  });

  it('names each changed config field with its old and new value, nested keys by path', () => {
    const v2 = structuredClone(v1);
    v2.nodes[1]!.config = { amount: '$trigger.body.subtotal', headers: { a: '1', b: '2' } };
    const d = diffVersions(v1, v2);
    expect(d.changed).toEqual([
      {
        id: 'charge',
        type: 'core.map',
        fields: [
          { path: 'config.amount', before: '$trigger.body.total', after: '$trigger.body.subtotal' },
          { path: 'config.currency', before: 'USD', after: undefined },
          { path: 'config.headers.b', before: undefined, after: '2' },
        ],
      },
    ]);
  });

  it('reports name, type version and retry changes, and arrays as whole values', () => {
    const a: FlowGraph = { nodes: [node('n', { list: [1, 2] })], edges: [] };
    const b: FlowGraph = {
      nodes: [
        node(
          'n',
          { list: [1, 2, 3] },
          { name: 'Charge', typeVersion: 2, retry: { maxAttempts: 3 } },
        ),
      ],
      edges: [],
    };
    const paths = diffVersions(a, b).changed[0]!.fields.map((f) => f.path);
    expect(paths).toEqual(['config.list', 'name', 'retry', 'typeVersion']);
  });

  it('keeps a node that only moved on the canvas out of the changes', () => {
    const v2 = structuredClone(v1);
    v2.nodes[2]!.position = { x: 300, y: 40 };
    const d = diffVersions(v1, v2);
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.moved).toEqual(['old']);
  });

  it('sees a rewired port as one wire removed and one added', () => {
    const v2 = structuredClone(v1);
    v2.edges[1] = edge('charge', 'old', 'error');
    const d = diffVersions(v1, v2);
    expect(d.edgesRemoved).toEqual([edge('charge', 'old')]);
    expect(d.edgesAdded).toEqual([edge('charge', 'old', 'error')]);
  });
});

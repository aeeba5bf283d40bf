import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@paybridge/engine';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { indexCatalog } from '../catalog/catalog-index';
import { portsOf } from '../catalog/node-ports';
import { autoLayout, DEFAULT_NODE_SIZE, lacksPositions } from './auto-layout';
import orderToCashTemplate from '../../../../../templates/order-to-cash/template.json';
import { generatedFlow40, paymentFlow10 } from './sample-flows.test-support';

const catalog = indexCatalog(nodeCatalog());
const { width, height } = DEFAULT_NODE_SIZE;

async function layOut(graph: FlowGraph) {
  return autoLayout(
    graph.nodes.map((n) => ({
      id: n.id,
      ...portsOf(catalog.get(n.type, n.typeVersion), n.config),
    })),
    graph.edges.map((e) => ({
      source: e.from.node,
      sourceHandle: e.from.port,
      target: e.to.node,
      targetHandle: e.to.port,
    })),
  );
}

function overlaps(positions: Record<string, { x: number; y: number }>): string[] {
  const ids = Object.keys(positions);
  const found: string[] = [];
  for (const [i, a] of ids.entries()) {
    for (const b of ids.slice(i + 1)) {
      const p = positions[a]!;
      const q = positions[b]!;
      if (Math.abs(p.x - q.x) < width && Math.abs(p.y - q.y) < height) found.push(`${a}/${b}`);
    }
  }
  return found;
}

const orderToCash = orderToCashTemplate.graph as unknown as FlowGraph;

describe.each([
  ['a 10-node payment flow', paymentFlow10()],
  ['the order-to-cash template', orderToCash],
  ['a generated 40-node flow with branches', generatedFlow40()],
])('autoLayout of %s', (_name, graph) => {
  it('places every node apart, every edge going left to right', async () => {
    const p = await layOut(graph);
    expect(Object.keys(p)).toHaveLength(graph.nodes.length);
    expect(overlaps(p)).toEqual([]);
    for (const e of graph.edges) {
      expect(p[e.to.node]!.x, `${e.from.node} → ${e.to.node}`).toBeGreaterThanOrEqual(
        p[e.from.node]!.x + width,
      );
    }
  });

  it('stays readable at fit: it grows to the right, not into one tall column or one row', async () => {
    const p = await layOut(graph);
    const xs = Object.values(p).map((q) => q.x);
    const ys = Object.values(p).map((q) => q.y);
    const columns = new Set(xs).size;
    expect(columns).toBeGreaterThan(1);
    expect(new Set(ys).size).toBeGreaterThan(1);
  });
});

describe('autoLayout ports', () => {
  it('fans a payment out in port order: approved above declined above error', async () => {
    const p = await layOut(paymentFlow10());
    expect(p.paid!.y).toBeLessThan(p.declined!.y);
    expect(p.declined!.y).toBeLessThan(p.failed!.y);
  });
});

describe('lacksPositions', () => {
  it('tells a flow made through the API (all at 0,0) from one laid out by hand', () => {
    expect(lacksPositions(paymentFlow10().nodes)).toBe(true);
    expect(lacksPositions([{ position: { x: 0, y: 0 } }, { position: { x: 300, y: 0 } }])).toBe(
      false,
    );
    expect(lacksPositions([{ position: { x: 0, y: 0 } }])).toBe(false);
  });
});

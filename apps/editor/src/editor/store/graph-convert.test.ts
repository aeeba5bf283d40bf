import { describe, expect, it } from 'vitest';
import { canvasToGraph, graphToCanvas, parseGraphJson } from './graph-convert';
import { nextNodeId, nodeIdProblem } from './node-ids';

const graph = {
  nodes: [
    {
      id: 'trigger',
      type: 'trigger.rest',
      typeVersion: 1,
      config: { path: 'a' },
      position: { x: 1, y: 2 },
    },
    {
      id: 'shape',
      type: 'map',
      typeVersion: 1,
      name: 'Shape',
      config: { expression: 'x' },
      position: { x: 200.4, y: 2 },
    },
  ],
  edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
};

describe('graph conversion', () => {
  it('round-trips a saved graph through the canvas', () => {
    const { nodes, edges } = graphToCanvas(graph);
    expect(nodes[1]?.data.name).toBe('Shape');
    expect(edges[0]?.sourceHandle).toBe('out');
    const back = canvasToGraph(nodes, edges);
    expect(back.nodes[1]?.position).toEqual({ x: 200, y: 2 });
    expect(back.edges).toEqual(graph.edges);
  });

  it('accepts an exported file ({ name, graph }) and refuses what is not a graph', () => {
    expect(parseGraphJson({ name: 'x', graph }).nodes).toHaveLength(2);
    expect(() => parseGraphJson({ nodes: 3 })).toThrow(/Not a flow/);
    expect(() => parseGraphJson({ nodes: [{ id: 1 }], edges: [] })).toThrow(/Node 1/);
  });
});

describe('node ids', () => {
  it('derives readable unique ids from the type', () => {
    expect(nextNodeId('trigger.rest', new Set())).toBe('rest');
    expect(nextNodeId('map', new Set(['map', 'map-2']))).toBe('map-3');
    expect(nextNodeId('paytrace.sale', new Set())).toBe('paytrace-sale');
  });
  it('explains an unusable id', () => {
    expect(nodeIdProblem('1x', new Set())).toMatch(/starting with a letter/);
    expect(nodeIdProblem('map', new Set(['map']))).toMatch(/already/);
    expect(nodeIdProblem('ok_id', new Set())).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { connectionProblem } from './connection-rules';

const ports: Record<string, { inputs: string[]; outputs: string[] }> = {
  trigger: { inputs: [], outputs: ['out'] },
  a: { inputs: ['in'], outputs: ['out'] },
  b: { inputs: ['in'], outputs: ['out', 'error'] },
};
const graph = {
  edges: [
    { source: 'trigger', sourceHandle: 'out', target: 'a', targetHandle: 'in' },
    { source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in' },
  ],
  portsOf: (id: string) => ports[id],
};
const edge = (source: string, target: string, sourcePort = 'out', targetPort = 'in') => ({
  source,
  target,
  sourcePort,
  targetPort,
});

describe('connectionProblem', () => {
  it('accepts a new forward edge', () => {
    expect(connectionProblem(edge('trigger', 'b'), graph)).toBeNull();
  });
  it.each([
    [edge('a', 'a'), /itself/],
    [edge('a', 'trigger'), /Triggers/],
    [edge('a', 'b'), /already connected/],
    [edge('b', 'a'), /loop/],
    [edge('b', 'zz'), /no longer exists/],
    [edge('a', 'b', 'nope'), /not an output/],
  ])('refuses %o with a reason', (proposed, reason) => {
    expect(connectionProblem(proposed, graph)).toMatch(reason);
  });
});

import { describe, expect, it } from 'vitest';
import { issuesAt, validateFlow } from './validate-flow';

describe('validateFlow', () => {
  it('puts schema problems on the node and field, like the runtime on save', () => {
    const result = validateFlow(
      {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.rest',
            typeVersion: 1,
            config: { path: 'Bad Path' },
            position: { x: 0, y: 0 },
          },
          {
            id: 'shape',
            type: 'map',
            typeVersion: 1,
            config: { expression: '{ "a": ' },
            position: { x: 0, y: 0 },
          },
        ],
        edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
      },
      new Set(),
    );
    expect(issuesAt(result.byNode.trigger, ['path'])[0]?.message).toMatch(/lowercase/);
    expect(issuesAt(result.byNode.shape, ['expression'])[0]?.message).toMatch(/position/);
  });

  it('reports a missing trigger for the flow as a whole', () => {
    const result = validateFlow({ nodes: [], edges: [] }, new Set());
    expect(result.flow.join(' ')).toMatch(/trigger/i);
  });

  it('leaves types the runtime knows but this build lacks to the server', () => {
    const result = validateFlow(
      {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.manual',
            typeVersion: 1,
            config: {},
            position: { x: 0, y: 0 },
          },
          {
            id: 'pay',
            type: 'paytrace.future',
            typeVersion: 1,
            config: {},
            position: { x: 0, y: 0 },
          },
        ],
        edges: [],
      },
      new Set(['paytrace.future']),
    );
    expect(result.count).toBe(0);
  });
});

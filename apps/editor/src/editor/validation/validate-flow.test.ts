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

  it('warns on a payment node whose declined and error ports lead nowhere, without blocking', () => {
    const connectionId = '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11';
    const graph = {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger.manual',
          typeVersion: 1,
          config: {},
          position: { x: 0, y: 0 },
        },
        {
          id: 'sale',
          type: 'paytrace.sale',
          typeVersion: 1,
          config: {
            connectionId,
            source: { kind: 'vault', customerId: 'cust-1' },
            amount: 1000,
            currency: 'USD',
          },
          position: { x: 0, y: 0 },
        },
        {
          id: 'tag',
          type: 'map',
          typeVersion: 1,
          config: { expression: '$' },
          position: { x: 0, y: 0 },
        },
      ],
      edges: [
        { from: { node: 'trigger', port: 'out' }, to: { node: 'sale', port: 'in' } },
        { from: { node: 'sale', port: 'approved' }, to: { node: 'tag', port: 'in' } },
      ],
    };
    const result = validateFlow(graph, new Set());
    expect(result.count).toBe(0);
    expect(result.byNode.sale?.map((i) => [i.severity, i.code])).toEqual([
      ['warning', 'DECLINED_PORT_UNWIRED'],
      ['warning', 'ERROR_PORT_UNWIRED'],
    ]);
    expect(result.warnings.join(' ')).toMatch(/"sale".*"declined" port/);

    graph.edges.push(
      { from: { node: 'sale', port: 'declined' }, to: { node: 'tag', port: 'in' } },
      { from: { node: 'sale', port: 'error' }, to: { node: 'tag', port: 'in' } },
    );
    expect(validateFlow(graph, new Set()).warnings).toEqual([]);
  });
});

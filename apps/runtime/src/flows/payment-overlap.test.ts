import type { FlowGraph } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import { paymentOverlapWarnings } from './payment-overlap';

const STORE = '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11';
const OTHER_STORE = '0b5c1e3a-8d2f-4a6b-9c7e-1f3a5b7d9e20';
const PAYTRACE = '2e4a6c8e-0b1d-4f3a-8c5e-7a9b1c3d5e7f';

function orderFlow(store: string, topics: string[], charge: boolean): FlowGraph {
  return {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.shopify',
        typeVersion: 1,
        config: { connectionId: store, topics },
        position: { x: 0, y: 0 },
      },
      ...(charge
        ? [
            {
              id: 'charge',
              type: 'paytrace.sale',
              typeVersion: 1,
              config: { connectionId: PAYTRACE },
              position: { x: 0, y: 0 },
            },
          ]
        : []),
    ],
    edges: [],
  };
}

describe('paymentOverlapWarnings', () => {
  const original = {
    flowId: 'a',
    name: 'Charge orders',
    graph: orderFlow(STORE, ['orders/create'], true),
  };

  it('names the active flow with payment nodes on the same store and topic', () => {
    const [warning, ...rest] = paymentOverlapWarnings(
      'b',
      orderFlow(STORE, ['orders/create', 'orders/paid'], false),
      [original],
    );
    expect(rest).toEqual([]);
    expect(warning).toContain('"Charge orders"');
    expect(warning).toContain('orders/create');
    expect(warning).toContain('charge');
  });

  it('is quiet for another store, another topic, a flow without payment nodes, or itself', () => {
    expect(
      paymentOverlapWarnings('b', orderFlow(OTHER_STORE, ['orders/create'], true), [original]),
    ).toEqual([]);
    expect(
      paymentOverlapWarnings('b', orderFlow(STORE, ['refunds/create'], true), [original]),
    ).toEqual([]);
    const quiet = { ...original, graph: orderFlow(STORE, ['orders/create'], false) };
    expect(paymentOverlapWarnings('b', orderFlow(STORE, ['orders/create'], true), [quiet])).toEqual(
      [],
    );
    expect(paymentOverlapWarnings('a', original.graph, [original])).toEqual([]);
  });
});

import type { FlowGraph } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import { isLiveConnection, planTestRun, simulatedConnections } from './test-run';

const graph: FlowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger.manual', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    {
      id: 'sale',
      type: 'paytrace.sale',
      typeVersion: 1,
      name: 'Charge order',
      config: { connectionId: 'pt' },
      position: { x: 0, y: 0 },
    },
  ],
  edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'sale', port: 'in' } }],
};

const store = (environment: string) => ({
  get: async () => ({ type: 'paytrace', name: 'Live account', values: { environment } }),
});

describe('planTestRun', () => {
  it('refuses a live PayTrace node with no simulator to send it to, naming the node', async () => {
    const refused = planTestRun({
      graph,
      stopAfter: 'sale',
      connections: store('production'),
      paytraceSimulator: false,
    });
    await expect(refused).rejects.toMatchObject({
      status: 422,
      code: 'LIVE_CALLS_UNCONFIRMED',
      message: expect.stringContaining(
        'node "Charge order" (sale) uses the live PayTrace connection "Live account"',
      ),
    });
  });

  it('lets confirmed live calls, simulator and PayTrace sandbox connections through', async () => {
    const base = { graph, stopAfter: 'sale', paytraceSimulator: false };
    expect(
      await planTestRun({ ...base, connections: store('production'), liveCalls: 'confirmed' }),
    ).toBe('live');
    expect(await planTestRun({ ...base, connections: store('sandbox') })).toBe('simulator');
    expect(await planTestRun({ ...base, stopAfter: 'trigger', connections: store('custom') })).toBe(
      'simulator',
    );
  });
});

describe('simulatedConnections', () => {
  it('sends live PayTrace to the simulator with its demo user and leaves the rest alone', async () => {
    const stored: Record<string, Record<string, unknown>> = {
      live: {
        environment: 'custom',
        baseUrl: 'https://pt.example.com',
        username: 'u',
        password: 'p',
      },
      sim: { environment: 'sandbox', username: 'u', password: 'p' },
    };
    const resolver = simulatedConnections({
      resolve: async (id) => ({ id, type: 'paytrace', values: stored[id]!, secretValues: ['p'] }),
    });
    const live = await resolver.resolve('live');
    expect(live?.values['environment']).toBe('simulator');
    expect(live?.values['baseUrl']).toBeUndefined();
    expect(live?.values['username']).not.toBe('u');
    expect((await resolver.resolve('sim'))?.values).toEqual(stored['sim']);
    expect(isLiveConnection('shopify', {})).toBe(true);
    expect(isLiveConnection('quickbooks', { environment: 'sandbox' })).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { ADMIN_TOKEN, freshDatabase, restFlow, startTestRuntime } from './support';

let rt: RuntimeHandle;

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase());
});
afterAll(async () => {
  await rt?.stop();
});

describe('typed API client', () => {
  it('creates, reads and lists flows with response types from the route definitions', async () => {
    const client = createClient(rt.url!, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const created = await client.api.flows.$post({
      json: { name: 'typed', graph: restFlow('typed', [], []), activate: true },
    });
    expect(created.status).toBe(201);
    if (created.status !== 201) return;
    const flow = await created.json();
    // `flow` is typed: these property accesses are checked by the compiler.
    expect(flow.version.version).toBe(1);
    expect(flow.triggerPath).toBe('typed');
    // The graph is the engine's graph type, and the catalogue the nodes package's entry type.
    expect(flow.version.graph.nodes.map((n) => `${n.type}@${n.typeVersion}`)).toEqual([
      'trigger.rest@1',
    ]);
    const catalog = await (await client.api['node-types'].$get()).json();
    const rest = catalog.nodeTypes.find((t) => t.type === 'trigger.rest');
    expect(rest && 'outputs' in rest.ports ? rest.ports.outputs : null).toEqual(['out']);

    const listed = await client.api.flows.$get();
    const { flows } = await listed.json();
    expect(flows.map((f) => f.name)).toContain('typed');

    const missing = await client.api.flows[':id'].$get({
      param: { id: '00000000-0000-0000-0000-000000000000' },
    });
    expect(missing.status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';

let rt: RuntimeHandle;
let base: string;

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase());
  base = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
});

/** A REST flow whose PayTrace sale ("Charge card") has no connection, card or amount yet. */
function unfinished(path: string) {
  const graph = restFlow(path, [{ id: 'pay', type: 'paytrace.sale' }], [['trigger', 'pay']]);
  (graph.nodes[1] as { name?: string }).name = 'Charge card';
  return graph;
}

const finished = (path: string) =>
  restFlow(
    path,
    [{ id: 'shape', type: 'map', config: { expression: 'body' } }],
    [['trigger', 'shape']],
  );

describe('flow drafts', () => {
  it('saves a flow with problems as a draft, listing each by node label and field title', async () => {
    const created = await call(base, 'POST', '/api/flows', {
      name: 'Draft charge',
      graph: unfinished('drafts/one'),
      draft: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const texts = created.body.problems.map((p: { text: string }) => p.text);
    expect(texts).toContain('"Charge card" › Amount: required');
    expect(texts).toContain('"Charge card" › PayTrace connection: required');
    expect(JSON.stringify(texts)).not.toMatch(/nodes\.\d|config\./);
    expect(created.body.problems[0]).toMatchObject({ nodeId: 'pay', node: 'Charge card' });

    const again = await call(base, 'PUT', `/api/flows/${created.body.id}`, {
      graph: unfinished('drafts/one'),
      message: 'still working on it',
      draft: true,
    });
    expect(again.status).toBe(200);
    expect(again.body.latestVersion).toBe(2);
    expect(again.body.problems.length).toBeGreaterThan(0);
    const fetched = await call(base, 'GET', `/api/flows/${created.body.id}`);
    expect(fetched.body.problems).toEqual(again.body.problems);
  });

  it('refuses to activate or run a draft, naming the node and the field', async () => {
    const created = await call(base, 'POST', '/api/flows', {
      name: 'Draft to activate',
      graph: unfinished('drafts/two'),
      draft: true,
    });
    const id = created.body.id as string;
    const refused = await call(base, 'POST', `/api/flows/${id}/activate`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('FLOW_INVALID');
    expect(refused.body.error.message).toContain('"Charge card" › ');
    expect(refused.body.error.details.problems).toContainEqual(
      expect.objectContaining({ node: 'Charge card', field: 'Amount', message: 'required' }),
    );
    expect((await call(base, 'GET', `/api/flows/${id}`)).body.active).toBe(false);

    const run = await call(base, 'POST', `/api/flows/${id}/run`, {
      payload: {},
      version: 'latest',
    });
    expect(run.status).toBe(422);
    expect(run.body.error.message).toContain('"Charge card" › Amount: required');

    // Saving with activation asks for a valid graph at once, draft or not: nothing is kept.
    const live = await call(base, 'PUT', `/api/flows/${id}`, {
      graph: unfinished('drafts/two'),
      draft: true,
      activate: true,
    });
    expect(live.status).toBe(422);
    expect((await call(base, 'GET', `/api/flows/${id}`)).body.latestVersion).toBe(1);

    const fixed = await call(base, 'PUT', `/api/flows/${id}`, {
      graph: finished('drafts/two'),
      draft: true,
    });
    expect(fixed.body.problems).toEqual([]);
    const activated = await call(base, 'POST', `/api/flows/${id}/activate`, {});
    expect(activated.status).toBe(200);
    expect(activated.body.active).toBe(true);
  });

  it('still refuses a graph with problems saved without `draft`, and any broken shape', async () => {
    const strict = await call(base, 'POST', '/api/flows', {
      name: 'Strict',
      graph: unfinished('drafts/three'),
    });
    expect(strict.status).toBe(422);
    expect(strict.body.error.details.problems[0].text).toMatch(/^"Charge card" › /);
    const broken = await call(base, 'POST', '/api/flows', {
      name: 'Broken',
      graph: { nodes: [{ id: '1 bad id', type: 'map' }], edges: [] },
      draft: true,
    });
    expect(broken.status).toBe(422);
  });
});

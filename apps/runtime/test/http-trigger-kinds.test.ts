import { createHmac, randomBytes } from 'node:crypto';
import type { FlowGraph } from '@paybridge/engine';
import {
  defineNode,
  defineTrigger,
  triggerNodeOf,
  triggerTypesOn,
  type TriggerGraphNode,
} from '@paybridge/nodes/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDb } from '../src/db/client';
import * as q from '../src/db/queries/flows';
import { enableRegistrations, type TriggerFinder } from '../src/flows/trigger-activation';
import type { TriggerKinds } from '../src/ingest/trigger-table';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime } from './support';

/**
 * A trigger kind the product does not ship, declared here the way a new kind's folder would
 * declare it: a processor's signed notifications (Standard Webhooks) at `/hooks/notices/<account>`,
 * whose event is the notice's type and data. The runtime serves it with no change of its own:
 * activation claims its path through `onEnable`, ingress verifies the signature its `access`
 * names, and its `toEvent` shapes (or refuses) what is stored.
 */
const noticeNode = defineNode({
  type: 'test.processor-notice',
  version: 1,
  kind: 'trigger',
  title: 'Processor notice',
  description: 'A processor notification.',
  category: 'trigger',
  icon: 'webhook',
  config: z.object({ account: z.string(), connectionId: z.string() }),
  ports: { inputs: [], outputs: ['out'] },
  effects: false,
  docs: 'Test kind.',
});

const noticeTrigger = defineTrigger({
  node: noticeNode,
  channel: 'http',
  onEnable: (node, ctx) => ctx.claimEndpoint(`notices/${String(node.config.account)}`),
  endpoint: () => ({ mode: 'async', timeoutMs: 1000, rateLimit: { perMinute: 0, burst: 1 } }),
  access: (node) => ({
    auth: { type: 'standard-webhooks', connectionId: String(node.config.connectionId) },
    ipAllowList: [],
    trustedProxies: [],
  }),
  toEvent(_node, { body }) {
    const notice = body as { type?: unknown; data?: unknown } | null;
    if (typeof notice !== 'object' || notice === null || typeof notice.type !== 'string') {
      return {
        ok: false,
        status: 422,
        code: 'NOT_A_NOTICE',
        message: 'A notice is a JSON object with a "type"',
      };
    }
    return { ok: true, event: { type: notice.type, data: notice.data ?? null } };
  },
});

const find: TriggerFinder = (graph) => {
  const node = graph.nodes.find((n: TriggerGraphNode) => n.type === noticeNode.type);
  return node ? { node, trigger: noticeTrigger } : triggerNodeOf(graph);
};
const kinds: TriggerKinds = {
  typesOn: (channel) => [
    ...triggerTypesOn(channel),
    ...(channel === 'http' ? [noticeNode.type] : []),
  ],
  triggerOf: find,
};

const KEY = randomBytes(24);
let rt: RuntimeHandle;
let base: string;
let db: ReturnType<typeof createDb>;

function signed(id: string, body: string) {
  const ts = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', KEY).update(`${id}.${ts}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': `v1,${mac}`,
    authorization: '',
  };
}

beforeAll(async () => {
  const url = await freshDatabase();
  // API only: the runs this kind starts are not executed here (no executor for a test node).
  rt = await startTestRuntime(url, { role: 'api', triggerKinds: kinds });
  base = rt.url!;
  db = createDb(url, 2);
  const conn = await call(base, 'POST', '/api/connections', {
    type: 'webhook.standard',
    name: 'processor',
    values: { secrets: [`whsec_${KEY.toString('base64')}`] },
  });
  expect(conn.status, JSON.stringify(conn.body)).toBe(201);
  const graph: FlowGraph = {
    nodes: [
      {
        id: 'notice',
        type: noticeNode.type,
        typeVersion: 1,
        config: { account: 'acme', connectionId: conn.body.id },
        position: { x: 0, y: 0 },
      },
    ],
    edges: [],
  };
  const registrations = enableRegistrations(graph, find);
  const { flow, version } = await q.insertFlow(db.db, {
    name: 'notices',
    description: '',
    graph,
    message: '',
    trigger: { type: noticeNode.type, path: registrations.endpointKey },
  });
  await q.activateVersion(db.db, flow.id, version, registrations);
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await db?.sql.end();
});

describe('a second http trigger kind through the generic ingress', () => {
  it('is served at the path its onEnable claimed, storing the event its toEvent made', async () => {
    const body = JSON.stringify({ type: 'dispute.opened', data: { case: 'C-1', amount: 1500 } });
    const res = await call(base, 'POST', '/hooks/notices/acme', body, signed('msg_1', body));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const [event] = await db.sql<{ payload: unknown; source: string }[]>`
      select payload, source from events where id = ${res.body.eventId}`;
    expect(event?.payload).toEqual({ type: 'dispute.opened', data: { case: 'C-1', amount: 1500 } });

    const again = await call(base, 'POST', '/hooks/notices/acme', body, signed('msg_1', body));
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.eventId).toBe(res.body.eventId);
  });

  it('refuses an unsigned or wrongly signed request with 401, as its access says', async () => {
    const body = JSON.stringify({ type: 'dispute.opened' });
    const unsigned = await call(base, 'POST', '/hooks/notices/acme', body, { authorization: '' });
    expect(unsigned.status).toBe(401);
    const headers = { ...signed('msg_2', body), 'webhook-signature': 'v1,AAAA' };
    expect((await call(base, 'POST', '/hooks/notices/acme', body, headers)).status).toBe(401);
  });

  it("answers its toEvent's refusal as a 4xx, and the runtime's card check still applies", async () => {
    const notJson = JSON.stringify([1, 2]);
    const refused = await call(
      base,
      'POST',
      '/hooks/notices/acme',
      notJson,
      signed('msg_3', notJson),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'NOT_A_NOTICE' });

    const card = JSON.stringify({ type: 'x', data: { card_number: '4111 1111 1111 1111' } });
    const res = await call(base, 'POST', '/hooks/notices/acme', card, signed('msg_4', card));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'CARD_DATA_REFUSED' });
    expect(res.body.error.message).toContain('data.card_number');
  });
});

/**
 * Signed Shopify webhook ingress: requests/s and latency at 32 connections, each request a new
 * order (new webhook id, new order id) signed with the store's secret, so every one is verified,
 * parsed losslessly, deduplicated against the events table and stored with its run.
 */
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import { spawnRuntime } from '../test/processes';

const SECRET = 'bench-shopify-webhook-secret';
const SHOP = 'bench-store.myshopify.com';

export interface ShopifyIngestResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

export async function benchShopifyIngest(opts: {
  dbUrl: string;
  token: string;
  durationS: number;
  connections: number;
}): Promise<ShopifyIngestResult> {
  const api = spawnRuntime(['--role', 'api'], {
    DATABASE_URL: opts.dbUrl,
    PORT: '0',
    PAYBRIDGE_LOG_LEVEL: 'info',
    PAYBRIDGE_BOOTSTRAP_TOKEN: opts.token,
    // Far above the load: the per-store limit's counting is measured, nothing refused.
    PAYBRIDGE_SHOPIFY_WEBHOOK_RATE_PER_MINUTE: '1000000',
  });
  try {
    const base = (await api.waitFor(/Paybridge is running at (http:\/\/\S+)/))[1]!;
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { id?: string };
      if (!json.id) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json.id;
    };
    const connectionId = await post('/api/connections', {
      type: 'shopify',
      name: 'bench store',
      values: { shopDomain: SHOP, accessToken: 'shpat_bench', webhookSecret: SECRET },
    });
    await post('/api/flows', {
      name: 'bench shopify',
      activate: true,
      graph: {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.shopify',
            typeVersion: 1,
            config: { connectionId, topics: ['orders/create'] },
          },
          { id: 'shape', type: 'map', typeVersion: 1, config: { expression: '{ "o": body.id }' } },
        ],
        edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
      },
    });

    let n = 0;
    const run = (durationS: number) =>
      autocannon({
        url: `${base}/hooks/shopify/${connectionId}`,
        connections: opts.connections,
        duration: durationS,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              n++;
              // Ids above 2^53 (built as text: JS numbers cannot hold them), each order new.
              const id = (prefix: string) => `${prefix}${String(n).padStart(9, '0')}`;
              const body = `{"id":${id('90071992547')},"name":"#${n}","updated_at":"2025-03-01T10:00:00-05:00","created_at":"2025-03-01T10:00:00-05:00","financial_status":"pending","payment_gateway_names":["PayTrace"],"total_price":"19.99","currency":"USD","customer":{"id":${id('70071992547')},"email":"buyer@example.com"},"line_items":[{"id":${id('50071992547')},"title":"Mug","quantity":1,"price":"19.99"}]}`;
              return {
                ...req,
                body,
                headers: {
                  'content-type': 'application/json',
                  'x-shopify-topic': 'orders/create',
                  'x-shopify-shop-domain': SHOP,
                  'x-shopify-api-version': '2025-10',
                  'x-shopify-webhook-id': `bench-${n}`,
                  'x-shopify-triggered-at': '2025-03-01T15:00:00Z',
                  'x-shopify-hmac-sha256': createHmac('sha256', SECRET)
                    .update(body)
                    .digest('base64'),
                },
              };
            },
          },
        ],
      });
    await run(2); // warm-up
    const r = await run(opts.durationS);
    return {
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      ok: r['2xx'],
      failed: r.non2xx + r.errors + r.timeouts,
    };
  } finally {
    api.child.kill('SIGTERM');
    await api.exited;
  }
}

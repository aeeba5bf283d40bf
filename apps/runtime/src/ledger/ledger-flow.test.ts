import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from '../../test/support';
import type { RuntimeHandle } from '../start-runtime';

let runtime: RuntimeHandle;
let base: string;

beforeAll(async () => {
  runtime = await startTestRuntime(await freshDatabase());
  base = runtime.url!;
});
afterAll(async () => {
  await runtime?.stop();
});

const ORDER = {
  id: '5678901234567890123',
  name: '#1001',
  currency: 'USD',
  created_at: '2025-09-01T10:00:00-04:00',
  customer: { id: '7390123456789012345', first_name: 'Ada', last_name: 'Lovelace' },
  line_items: [{ title: 'Tea', quantity: 3, price: '19.99' }],
  total_tax: '4.80',
  total_discounts: '0.00',
};

describe('a Shopify order flow ending in the built-in ledger', () => {
  it('posts the invoice once, even when the event is replayed, and keeps the books balanced', async () => {
    const graph = restFlow(
      'shop/orders',
      [
        { id: 'order', type: 'map', config: { expression: 'body' } },
        { id: 'customer', type: 'erp.customer-upsert' },
        { id: 'back', type: 'map', config: { expression: '$node("order")' } },
        { id: 'invoice', type: 'erp.invoice-from-order' },
      ],
      [
        ['trigger', 'order'],
        ['order', 'customer'],
        ['customer', 'back'],
        ['back', 'invoice'],
      ],
    );
    const flow = await call(base, 'POST', '/api/flows', {
      name: 'Orders to ledger',
      activate: true,
      graph,
    });
    expect(flow.status, JSON.stringify(flow.body)).toBe(201);
    const hook = await call(base, 'POST', '/hooks/shop/orders', ORDER, {
      'idempotency-key': 'o-1',
    });
    expect(hook.status).toBe(202);
    const run = await waitForRun(base, hook.body.runId);
    expect(run.status).toBe('succeeded');

    const replay = await call(base, 'POST', `/api/runs/${hook.body.runId}/replay`, {});
    expect(replay.status).toBeLessThan(300);
    const replayed = await waitForRun(base, replay.body.runId ?? replay.body.id);
    expect(replayed.status).toBe('succeeded');
    const step = replayed.steps.find((s: any) => s.nodeId === 'invoice');
    expect(step.output).toMatchObject({ created: false, document: { total: 6477 } });

    const invoices = await call(base, 'GET', '/api/ledger/invoices');
    expect(invoices.body.invoices).toEqual([
      expect.objectContaining({
        externalRef: `shopify-order-${ORDER.id}`,
        total: 6477,
        openBalance: 6477,
      }),
    ]);
    const tb = await call(base, 'GET', '/api/ledger/reports/trial-balance');
    expect(tb.body.totals).toEqual([
      { currency: 'USD', debit: 6477, credit: 6477, balanced: true },
    ]);
  });
});

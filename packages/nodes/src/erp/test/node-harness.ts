/**
 * Test harness of the ERP node executors: a Shopify order, the nodes wired to the QuickBooks
 * simulator as their built-in ERP, and the node error a run fails with. Test-only.
 *
 * @module
 */
import { NodeError } from '@paybridge/engine';
import { createTestContext } from '../../test-context';
import { simulatedQuickbooks } from '../quickbooks/test/simulator-harness';
import { erpExecutorFactories } from '../nodes/executors';

/** A Shopify order as the ERP nodes receive it. */
export const ORDER = {
  id: '5678901234567890123',
  name: '#1001',
  currency: 'USD',
  created_at: '2025-09-01T10:00:00-04:00',
  customer: {
    id: '7390123456789012345',
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
  },
  line_items: [
    { title: 'Tea', quantity: 3, price: '19.99', sku: 'TEA-1' },
    { title: 'Cup', quantity: 1, price: '0.10' },
  ],
  total_tax: '4.80',
  total_shipping_price_set: { shop_money: { amount: '5.00', currency_code: 'USD' } },
  total_discounts: '1.00',
};

/** ERP nodes over the QuickBooks simulator, once as the built-in ERP, once through a connection. */
export function setup() {
  const qbo = simulatedQuickbooks();
  const options = { erp: { builtIn: qbo.adapter() } };
  const run = async (
    definition: any,
    config: Record<string, unknown>,
    input: unknown,
    extra: Parameters<typeof createTestContext>[2] = {},
  ) => {
    const factory = (erpExecutorFactories as Record<string, (o: typeof options) => any>)[
      definition.type
    ]!;
    const ctx = createTestContext(definition, config, { input, trigger: ORDER, ...extra });
    return factory(options).execute(ctx);
  };
  return { qbo, run };
}

/** The node error a promise rejects with. */
export async function thrown(promise: Promise<unknown>): Promise<NodeError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof NodeError)) throw new Error(`expected a NodeError, got ${String(err)}`);
  return err;
}

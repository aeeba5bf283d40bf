import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test-context';
import { simulatedQuickbooks } from '../../quickbooks/test/simulator-harness';
import { ORDER, thrown } from '../../test/node-harness';
import { erpCustomerUpsertNode } from './definition';
import { erpExecutorFactories } from '../executors';

describe('erp.customer-upsert', () => {
  it('post to QuickBooks through a connection instead of the built-in ERP', async () => {
    const qbo = simulatedQuickbooks();
    const factory = erpExecutorFactories['erp.customer-upsert'];
    const options = { erp: { quickbooks: { fetch: qbo.fetchSim, tokens: qbo.tokens } } };
    const ctx = createTestContext(
      erpCustomerUpsertNode,
      { connectionId: 'conn-1' },
      {
        input: ORDER,
        connection: { type: 'quickbooks', values: qbo.values },
      },
    );
    const result: any = await factory(options).execute(ctx);
    expect(result.output).toMatchObject({ erp: 'quickbooks-online', created: true });
    const none = createTestContext(erpCustomerUpsertNode, {}, { input: ORDER });
    const err = await thrown(factory({ erp: {} }).execute(none));
    expect(err.code).toBe('ERP_NOT_CONFIGURED');
  });
});

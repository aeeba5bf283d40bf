import { describe, expect, it } from 'vitest';
import { ORDER, setup, thrown } from '../../test/node-harness';
import { erpCustomerUpsertNode } from '../customer-upsert/definition';
import { erpDisputeOpenNode } from '../dispute-open/definition';
import { erpDisputeUpdateNode } from './definition';
import { erpInvoiceFromOrderNode } from '../invoice-from-order/definition';

describe('erp.dispute-open and erp.dispute-update', () => {
  it('open and close a chargeback from Shopify dispute webhooks', async () => {
    const { run } = setup();
    await run(erpCustomerUpsertNode, {}, ORDER);
    await run(erpInvoiceFromOrderNode, {}, ORDER);
    const dispute = {
      id: '1052608616',
      order_id: ORDER.id,
      currency: 'USD',
      amount: '68.87',
      reason: 'fraudulent',
      status: 'needs_response',
      initiated_at: '2025-09-10T12:00:00-04:00',
      evidence_due_by: '2025-09-24T19:00:00-04:00',
    };
    const opened = await run(erpDisputeOpenNode, {}, dispute);
    expect(opened.output.document).toMatchObject({
      status: 'open',
      amount: 6887,
      evidenceDueBy: '2025-09-24',
    });
    const unchanged = await run(erpDisputeUpdateNode, {}, dispute);
    expect(unchanged.output).toMatchObject({ created: false, document: { status: 'open' } });
    await run(erpDisputeUpdateNode, {}, { ...dispute, status: 'under_review' });
    const won = await run(
      erpDisputeUpdateNode,
      {},
      { ...dispute, status: 'won', finalized_on: '2025-10-01T00:00:00Z' },
    );
    expect(won.output).toMatchObject({ created: true, document: { status: 'won' } });
    const late = await thrown(run(erpDisputeUpdateNode, {}, { ...dispute, status: 'lost' }));
    expect(late).toMatchObject({ errorClass: 'permanent', code: 'DISPUTE_CLOSED' });
  });
});

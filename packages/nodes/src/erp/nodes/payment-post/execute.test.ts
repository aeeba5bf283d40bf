import { describe, expect, it } from 'vitest';
import { ORDER, setup } from '../../test/node-harness';
import { erpCreditMemoNode } from '../credit-memo/definition';
import { erpCustomerUpsertNode } from '../customer-upsert/definition';
import { erpDocumentLookupNode } from '../document-lookup/definition';
import { erpInvoiceFromOrderNode } from '../invoice-from-order/definition';
import { erpPaymentPostNode } from './definition';

describe('erp.payment-post and erp.credit-memo', () => {
  it('apply a payment, refund by credit memo and look documents up', async () => {
    const { run } = setup();
    await run(erpCustomerUpsertNode, {}, ORDER);
    await run(erpInvoiceFromOrderNode, {}, ORDER);
    const sale = {
      status: 'approved',
      transactionId: '125391271',
      amount: { minor: 6887, currency: 'USD' },
    };
    const paid = await run(erpPaymentPostNode, {}, sale);
    expect(paid.output.document).toMatchObject({ externalRef: 'paytrace-125391271', amount: 6887 });
    const refund = {
      id: '929361462',
      order_id: ORDER.id,
      created_at: '2025-09-03T09:00:00-04:00',
      refund_line_items: [
        {
          quantity: 1,
          subtotal: 19.99,
          total_tax: 1.6,
          subtotal_set: { shop_money: { amount: '19.99', currency_code: 'USD' } },
          total_tax_set: { shop_money: { amount: '1.60', currency_code: 'USD' } },
          line_item: { title: 'Tea', price: '19.99' },
        },
      ],
      order_adjustments: [],
      transactions: [{ kind: 'refund', status: 'success', amount: '21.59', currency: 'USD' }],
    };
    const memo = await run(erpCreditMemoNode, {}, refund);
    expect(memo.output.document).toMatchObject({
      total: 2159,
      refunded: 2159,
      applied: 0,
      remainingCredit: 0,
    });
    const found = await run(
      erpDocumentLookupNode,
      { documentType: 'invoice', reference: `shopify-order-${ORDER.id}` },
      {},
    );
    expect(found.port).toBe('found');
    expect(found.output.document).toMatchObject({ openBalance: 0 });
    const missing = await run(
      erpDocumentLookupNode,
      { documentType: 'payment', reference: 'paytrace-1' },
      {},
    );
    expect(missing).toMatchObject({ port: 'not-found', output: { found: false, document: null } });
  });
});

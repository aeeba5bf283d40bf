import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test-context';
import { calendarDateIn } from '../../time-zones';
import { simulatedQuickbooks } from '../quickbooks/test/simulator-harness';
import { erpCustomerUpsertNode } from './customer-upsert/definition';
import { erpExecutorFactories } from './executors';
import { erpInvoiceFromOrderNode } from './invoice-from-order/definition';
import { erpPaymentPostNode } from './payment-post/definition';

/** Placed at 10:30 PM in New York on June 1st: already June 2nd in UTC. */
const ORDER = {
  id: '5678901234567890123',
  currency: 'USD',
  created_at: '2025-06-01T22:30:00-04:00',
  customer: { id: '7390123456789012345', first_name: 'Ada', last_name: 'Lovelace' },
  line_items: [{ title: 'Tea', quantity: 1, price: '19.99' }],
  total_tax: '0.00',
};
/** The sale, charged five minutes later. */
const SALE = { transactionId: '900001', amount: { minor: 1999, currency: 'USD' } };
const CHARGED_AT = '2025-06-02T02:35:00Z';

function ledgerIn(timeZone?: string) {
  const qbo = simulatedQuickbooks();
  const options = { erp: { builtIn: qbo.adapter(), ...(timeZone ? { timeZone } : {}) } };
  return async (definition: any, config: Record<string, unknown>, input: unknown) => {
    const factory = (erpExecutorFactories as Record<string, (o: typeof options) => any>)[
      definition.type
    ]!;
    const ctx = createTestContext(definition, config, { input, trigger: ORDER });
    return (await factory(options).execute(ctx)).output.document;
  };
}

/** Default mappings, except that the payment is dated by the charge's instant (not `$now()`). */
async function invoiceAndPayment(timeZone?: string) {
  const run = ledgerIn(timeZone);
  await run(erpCustomerUpsertNode, {}, ORDER);
  const invoice = await run(erpInvoiceFromOrderNode, {}, ORDER);
  const payment = await run(
    erpPaymentPostNode,
    {
      mapping: `{ "externalRef": "paytrace-" & transactionId, "invoiceRef": "shopify-order-" & $trigger.id,
        "currency": amount.currency, "amount": amount.minor, "date": "${CHARGED_AT}" }`,
    },
    SALE,
  );
  return { invoice: invoice.date as string, payment: payment.date as string };
}

describe('ledger dates in one declared time zone', () => {
  it('books an evening order and its payment on the same day of the ledger zone', async () => {
    expect(await invoiceAndPayment('America/New_York')).toEqual({
      invoice: '2025-06-01',
      payment: '2025-06-01',
    });
    expect(await invoiceAndPayment('UTC')).toEqual({
      invoice: '2025-06-02',
      payment: '2025-06-02',
    });
    // Without a declared zone the ledger is in UTC.
    expect(await invoiceAndPayment()).toEqual({ invoice: '2025-06-02', payment: '2025-06-02' });
  });

  it("dates the default payment mapping's $now() in the ledger zone, and keeps plain dates", async () => {
    const run = ledgerIn('Pacific/Kiritimati');
    await run(erpCustomerUpsertNode, {}, ORDER);
    await run(erpInvoiceFromOrderNode, {}, ORDER);
    const before = calendarDateIn(Date.now(), 'Pacific/Kiritimati');
    const payment = await run(
      erpPaymentPostNode,
      {},
      {
        ...SALE,
        amount: { minor: 1000, currency: 'USD' },
      },
    );
    expect([before, calendarDateIn(Date.now(), 'Pacific/Kiritimati')]).toContain(payment.date);
    const plain = await run(
      erpPaymentPostNode,
      {
        mapping: `{ "externalRef": "manual-1", "invoiceRef": "shopify-order-" & $trigger.id,
          "currency": "USD", "amount": 1, "date": "2025-05-31" }`,
      },
      SALE,
    );
    expect(plain.date).toBe('2025-05-31');
  });
});

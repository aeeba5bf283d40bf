import { describe, expect, it } from 'vitest';
import { memoryEffectStore, NodeError } from '@paybridge/engine';
import { createTestContext } from '../../test-context';
import { simulatedQuickbooks } from '../quickbooks/test/simulator-harness';
import { erpCreditMemoNode } from './credit-memo/definition';
import { erpCustomerUpsertNode } from './customer-upsert/definition';
import { erpDisputeOpenNode } from './dispute-open/definition';
import { erpDisputeUpdateNode } from './dispute-update/definition';
import { erpDocumentLookupNode } from './document-lookup/definition';
import { erpExecutorFactories } from './executors';
import { erpInvoiceFromOrderNode } from './invoice-from-order/definition';
import { erpJournalPostNode } from './journal-post/definition';
import { erpPaymentPostNode } from './payment-post/definition';

const ORDER = {
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
function setup() {
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

async function thrown(promise: Promise<unknown>): Promise<NodeError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof NodeError)) throw new Error(`expected a NodeError, got ${String(err)}`);
  return err;
}

describe('ERP nodes', () => {
  it('post a Shopify order as customer and invoice with the default mappings, exactly', async () => {
    const { run } = setup();
    const customer = await run(
      erpCustomerUpsertNode,
      {},
      { ...ORDER, paytraceCustomerId: 'vault-1' },
    );
    expect(customer.output.document).toMatchObject({
      externalRef: 'shopify-customer-7390123456789012345',
      name: 'Ada Lovelace',
      paytraceCustomerId: 'vault-1',
    });
    const invoice = await run(erpInvoiceFromOrderNode, {}, ORDER);
    expect(invoice.output).toMatchObject({
      erp: 'quickbooks-online',
      created: true,
      origin: 'erp',
    });
    expect(invoice.output.document).toMatchObject({
      externalRef: 'shopify-order-5678901234567890123',
      subtotal: 6007,
      tax: 480,
      shipping: 500,
      discount: 100,
      total: 6887,
    });
  });

  it('post once when the same node is replayed three times (retry, takeover, replay)', async () => {
    const { qbo, run } = setup();
    await run(erpCustomerUpsertNode, {}, ORDER);
    const effects = memoryEffectStore();
    const first = await run(erpInvoiceFromOrderNode, {}, ORDER, { effects });
    const again = await run(erpInvoiceFromOrderNode, {}, ORDER, { effects });
    const replay = await run(erpInvoiceFromOrderNode, {}, ORDER, {
      effects: effects.forRun('run-2'),
      runId: 'run-2',
    });
    expect([first, again, replay].map((r) => r.output.origin)).toEqual(['erp', 'ledger', 'ledger']);
    expect(qbo.sim.handle.entities('Invoice')).toHaveLength(1);
    // A fresh effect store (the record lost) still posts nothing twice: QuickBooks is looked up.
    const fresh = await run(erpInvoiceFromOrderNode, {}, ORDER);
    expect(fresh.output).toMatchObject({ created: false, origin: 'erp' });
    expect(qbo.sim.handle.entities('Invoice')).toHaveLength(1);
  });

  it('post the same document from two flows once, through the effect ledger', async () => {
    const { qbo, run } = setup();
    await run(erpCustomerUpsertNode, {}, ORDER);
    const effects = memoryEffectStore();
    const first = await run(erpInvoiceFromOrderNode, {}, ORDER, { effects });
    // Another flow (an imported copy, or a different flow), another event, the same order.
    const otherFlow = effects.forEvent({ flowId: 'flow-2', eventId: 'event-2', runId: 'run-2' });
    const second = await run(erpInvoiceFromOrderNode, {}, ORDER, {
      effects: otherFlow,
      runId: 'run-2',
      nodeId: 'invoice-in-the-copy',
    });
    expect(first.output).toMatchObject({ created: true, origin: 'erp' });
    expect(second.output).toMatchObject({ created: false, origin: 'ledger' });
    expect(second.output.document.id).toBe(first.output.document.id);
    expect(qbo.sim.handle.entities('Invoice')).toHaveLength(1);
    expect([...effects.records.keys()].filter((key) => key.includes(':invoice:'))).toHaveLength(1);
  });

  it('look an unknown outcome up by reference instead of posting again', async () => {
    const { qbo, run } = setup();
    await run(erpCustomerUpsertNode, {}, ORDER);
    // An earlier execution claimed at 11:59:30 and never settled; the test clock says 12:00.
    const effects = memoryEffectStore({ now: () => new Date('2025-01-15T11:59:30.000Z') });
    // The posting is keyed by its business reference (the document's external reference).
    const probe = memoryEffectStore();
    await run(erpInvoiceFromOrderNode, {}, ORDER, { effects: probe });
    const [key, record] = [...probe.records.entries()][0]!;
    const business = key.replace(/^biz:/, '');
    await effects.claim('node-1', { item: '', business }, record.fingerprint, {});
    const early = await thrown(run(erpInvoiceFromOrderNode, {}, ORDER, { effects }));
    expect(early).toMatchObject({ errorClass: 'transient', code: 'ERP_OUTCOME_PENDING' });
    expect(early.retryAfterMs).toBe(30_000);
    const resumed = await run(erpInvoiceFromOrderNode, {}, ORDER, {
      effects,
      now: new Date('2025-01-15T12:01:00.000Z'),
    });
    expect(resumed.output.origin).toBe('lookup');
    expect(qbo.sim.handle.entities('Invoice')).toHaveLength(1);
  });

  it('refuse a changed document under a settled record', async () => {
    const { run } = setup();
    await run(erpCustomerUpsertNode, {}, ORDER);
    const effects = memoryEffectStore();
    await run(erpInvoiceFromOrderNode, {}, ORDER, { effects });
    const changed = await thrown(
      run(erpInvoiceFromOrderNode, {}, { ...ORDER, total_tax: '4.81' }, { effects }),
    );
    expect(changed).toMatchObject({ errorClass: 'permanent', code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('fail permanently on an unbalanced journal or a float amount, naming the line', async () => {
    const { run } = setup();
    const unbalanced = await thrown(
      run(
        erpJournalPostNode,
        {},
        { batchNumber: 7, currency: 'USD', date: '2025-09-02', gross: 10000, fees: 300 },
      ).then(() =>
        run(
          erpJournalPostNode,
          {
            mapping:
              '{"externalRef":"j-1","currency":"USD","date":"2025-09-02","lines":[{"account":"cash","debit":100},{"account":"card-clearing","credit":99}]}',
          },
          {},
        ),
      ),
    );
    expect(unbalanced).toMatchObject({ errorClass: 'permanent', code: 'UNBALANCED_JOURNAL' });
    const float = await thrown(
      run(
        erpJournalPostNode,
        {
          mapping:
            '{"externalRef":"j-2","currency":"USD","date":"2025-09-02","lines":[{"account":"cash","debit":1.5},{"account":"card-clearing","credit":1.5}]}',
        },
        {},
      ),
    );
    expect(float.message).toMatch(/^line 1: debit: 1.5 is not an integer amount/);
    const both = await thrown(
      run(
        erpJournalPostNode,
        {
          mapping:
            '{"externalRef":"j-3","currency":"USD","date":"2025-09-02","lines":[{"account":"cash","debit":1},{"account":"card-clearing","credit":1,"debit":1}]}',
        },
        {},
      ),
    );
    expect(both.message).toBe('line 2: has both a debit and a credit; use two lines');
  });

  it('post a settlement journal with the default mapping', async () => {
    const { run } = setup();
    const posted = await run(
      erpJournalPostNode,
      {},
      { batchNumber: 42, currency: 'USD', date: '2025-09-02', gross: 10000, fees: 0 },
    );
    expect(posted.output.document).toMatchObject({ externalRef: 'settlement-42', total: 10000 });
    expect(posted.output.document.lines).toHaveLength(2);
  });

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

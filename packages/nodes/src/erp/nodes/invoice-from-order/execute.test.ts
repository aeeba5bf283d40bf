import { describe, expect, it } from 'vitest';
import { memoryEffectStore } from '@paybridge/engine';
import { ORDER, setup, thrown } from '../../test/node-harness';
import { erpCustomerUpsertNode } from '../customer-upsert/definition';
import { erpInvoiceFromOrderNode } from './definition';

describe('erp.invoice-from-order', () => {
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
});

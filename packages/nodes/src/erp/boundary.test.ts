import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../test-context';
import { checkDocument, erpBoundary } from './boundary';
import { InvoiceInput } from './documents';
import { ErpError } from './errors';
import { erpExecutorFactories } from './nodes/executors';
import { erpInvoiceFromOrderNode } from './nodes/invoice-from-order/definition';
import { simulatedQuickbooks } from './quickbooks/test/simulator-harness';

const invoice = {
  externalRef: 'inv-1',
  customerRef: 'c-1',
  currency: 'USD',
  date: '2025-09-01',
  lines: [{ description: 'Tea', unitAmount: 450 }],
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the adapter boundary', () => {
  it('parses a document once: a checked document passes again untouched', () => {
    const parse = vi.spyOn(InvoiceInput, 'safeParse');
    const checked = checkDocument('invoice', invoice);
    expect(checked.lines[0]).toMatchObject({ quantity: 1 });
    expect(checkDocument('invoice', checked)).toBe(checked);
    expect(parse).toHaveBeenCalledTimes(1);
    // Checked as another kind is no proof: a journal is parsed as one.
    expect(() => checkDocument('journal', checked)).toThrow(ErpError);
  });

  it('refuses an invalid document before the adapter sees it, naming the line', async () => {
    const qbo = simulatedQuickbooks();
    const adapter = erpBoundary(qbo.adapter());
    const err = await adapter
      .createInvoice({ ...invoice, lines: [{ description: 'Tea', unitAmount: 1.5 }] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'validation', message: expect.stringMatching(/line 1/) });
    expect(qbo.calls).toHaveLength(0);
  });

  it('validates a node posting once between the node and the ERP', async () => {
    const qbo = simulatedQuickbooks();
    const options = { erp: { builtIn: qbo.adapter() } };
    await qbo.adapter().upsertCustomer({ externalRef: 'c-1', name: 'Ada' });
    const parse = vi.spyOn(InvoiceInput, 'safeParse');
    const ctx = createTestContext(
      erpInvoiceFromOrderNode,
      { mapping: JSON.stringify(invoice) },
      { input: {} },
    );
    const result = (await erpExecutorFactories['erp.invoice-from-order'](options).execute(ctx)) as {
      output: unknown;
    };
    expect(result.output).toMatchObject({ created: true, document: { total: 450 } });
    expect(parse).toHaveBeenCalledTimes(1);
  });
});

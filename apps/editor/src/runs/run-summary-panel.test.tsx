import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RunDetail, RunDocument } from '../api/runs-api';
import { RunSummaryPanel } from './run-summary-panel';

const UUID = '0f8e2a34-5b1c-4d7e-9a60-3c2b1d0e9f87';

function erpDoc(
  nodeId: string,
  erp: NonNullable<RunDocument['erp']>,
  operation: string | null = erp.type,
): RunDocument {
  return {
    kind: 'erp-document',
    operation,
    nodeId,
    status: 'settled',
    remoteId: UUID,
    reference: `ref-${nodeId}`,
    shopifyOrderId: null,
    amountMinor: null,
    ledger:
      erp.system === 'built-in' && erp.type !== 'customer'
        ? { type: erp.type, ref: erp.reference }
        : null,
    erp,
    foundExisting: false,
    createdAt: '2026-03-02T10:00:00.000Z',
  };
}

/** A finished run with nothing but its documents to show. */
function run(documents: RunDocument[]): RunDetail {
  return {
    error: null,
    failedNodeId: null,
    nextAttemptAt: null,
    related: [],
    documents,
    dataPrunedAt: null,
    trigger: {},
    eventId: UUID,
  } as unknown as RunDetail;
}

describe('run summary documents', () => {
  it('name each ERP document by its kind and its number in the ERP, never by an internal id', () => {
    render(
      <RunSummaryPanel
        run={run([
          erpDoc(
            'customer',
            {
              system: 'built-in',
              type: 'customer',
              number: 'shopify-customer-42',
              reference: 'shopify-customer-42',
              name: 'Ada Lovelace',
            },
            null,
          ),
          erpDoc('invoice', {
            system: 'built-in',
            type: 'invoice',
            number: 'shopify-order-1001',
            reference: 'shopify-order-1001',
            name: null,
          }),
          erpDoc('payment', {
            system: 'quickbooks',
            type: 'payment',
            number: 'PB7K2M9QX4RT8VW',
            reference: 'paytrace-transaction-4411220033',
            name: null,
          }),
        ])}
      />,
    );
    const items = within(screen.getByTestId('run-documents')).getAllByTestId('run-document');
    const texts = items.map((i) => i.textContent ?? '');
    expect(texts.join('\n')).not.toContain(UUID);
    expect(texts[0]).toMatch(/^Customer Ada Lovelace · shopify-customer-42 · built-in ledger/);
    expect(texts[1]).toMatch(/^Invoice shopify-order-1001 · built-in ledger/);
    expect(within(items[1]!).getByRole('link', { name: 'shopify-order-1001' })).toHaveProperty(
      'pathname',
      '/ledger/invoices',
    );
    expect(texts[2]).toMatch(
      /^Payment PB7K2M9QX4RT8VW · QuickBooks · reference paytrace-transaction-4411220033/,
    );
  });
});

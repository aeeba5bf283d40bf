import { describe, expect, it } from 'vitest';
import { erpDocumentNumber } from './document-number';
import { docNumberFor } from './quickbooks/references';

describe('erpDocumentNumber', () => {
  it('is the reference itself in the built-in ledger, which files documents by it', () => {
    expect(
      erpDocumentNumber('built-in', { type: 'invoice', externalRef: 'shopify-order-1001' }),
    ).toBe('shopify-order-1001');
    expect(erpDocumentNumber('built-in', { type: 'payment', externalRef: 'paytrace-77' })).toBe(
      'paytrace-77',
    );
  });

  it("is QuickBooks' DocNumber or payment reference number, shortened as posted", () => {
    const long = 'shopify-order-5820471939313-refund-1';
    expect(erpDocumentNumber('quickbooks', { type: 'invoice', externalRef: 'order-5' })).toBe(
      'order-5',
    );
    const number = erpDocumentNumber('quickbooks', { type: 'payment', externalRef: long });
    expect(number).toBe(docNumberFor(long));
    expect(number).toMatch(/^PB[A-Z0-9]{13}$/);
    expect(erpDocumentNumber('quickbooks', { type: 'credit-memo', externalRef: long })).toBe(
      number,
    );
  });

  it("is a customer's display name in QuickBooks, its reference in the built-in ledger", () => {
    const ada = { type: 'customer', externalRef: 'shopify-customer-9', name: 'Ada Lovelace' };
    expect(erpDocumentNumber('quickbooks', ada)).toBe('Ada Lovelace [shopify-customer-9]');
    expect(erpDocumentNumber('built-in', ada)).toBe('shopify-customer-9');
  });
});

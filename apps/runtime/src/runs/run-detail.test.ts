import { describe, expect, it } from 'vitest';
import { erpDocumentOf } from './run-detail';

const invoice = {
  type: 'invoice',
  id: '0f8e2a34-5b1c-4d7e-9a60-3c2b1d0e9f87',
  externalRef: 'shopify-order-5820471939313',
  total: 4500,
};

describe('erpDocumentOf', () => {
  it('names a built-in ledger posting by its kind and the reference the ledger files it by', () => {
    const key = 'biz:erp:built-in:invoice:ref:shopify-order-5820471939313';
    expect(erpDocumentOf({ business_key: key, document: invoice }, {})).toEqual({
      system: 'built-in',
      type: 'invoice',
      number: 'shopify-order-5820471939313',
      reference: 'shopify-order-5820471939313',
      name: null,
    });
  });

  it('names a QuickBooks posting by the number QuickBooks shows, the reference beside it', () => {
    const key =
      'biz:erp:8c1d7a52-0000-4000-8000-000000000001:invoice:ref:shopify-order-5820471939313';
    const doc = erpDocumentOf({ business_key: key, document: { ...invoice, id: '146' } }, {});
    expect(doc).toMatchObject({ system: 'quickbooks', type: 'invoice', name: null });
    expect(doc?.number).toMatch(/^PB[A-Z0-9]{13}$/);
    expect(doc?.reference).toBe('shopify-order-5820471939313');
  });

  it('names a customer by name, its system told by the node’s connection', () => {
    const customer = {
      type: 'customer',
      id: '7d0c5a8e-1111-4222-8333-444455556666',
      externalRef: 'shopify-customer-42',
      name: 'Ada Lovelace',
    };
    const key = 'flow:f/event:e/node:customer/item:';
    expect(erpDocumentOf({ business_key: key, document: customer }, {})).toEqual({
      system: 'built-in',
      type: 'customer',
      number: 'shopify-customer-42',
      reference: 'shopify-customer-42',
      name: 'Ada Lovelace',
    });
    expect(
      erpDocumentOf({ business_key: key, document: customer }, { connectionId: 'qbo-1' }),
    ).toMatchObject({ system: 'quickbooks', number: 'Ada Lovelace [shopify-customer-42]' });
  });

  it('falls back to the reference in the key while the posting is pending, else says nothing', () => {
    const key = 'biz:erp:built-in:payment:ref:paytrace-99';
    expect(erpDocumentOf({ business_key: key, document: null }, {})).toEqual({
      system: 'built-in',
      type: 'payment',
      number: 'paytrace-99',
      reference: 'paytrace-99',
      name: null,
    });
    expect(
      erpDocumentOf({ business_key: 'flow:f/event:e/node:c/item:', document: null }, {}),
    ).toBeNull();
  });
});

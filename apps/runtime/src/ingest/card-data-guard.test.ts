import { describe, expect, it } from 'vitest';
import { findCardData, findCardDataInText, findStoredValueProblem } from './card-data-guard';

function nested(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { level: v };
  return v;
}

describe('findCardData', () => {
  it.each([
    [{ card_number: '4111 1111 1111 1111' }, 'card_number'],
    [{ payment: { card: { number: '4111-1111-1111-1111', exp: '12/30' } } }, 'payment.card.number'],
    [{ credit_card: { number: 4111111111111111 } }, 'credit_card.number'],
    [{ items: [{ cvv: '123' }] }, 'items.0.cvv'],
    [{ card: { security_code: '1234' } }, 'card.security_code'],
    [{ card_number: ['4111111111111111'] }, 'card_number.0'],
    [{ cvv: [['123']] }, 'cvv.0.0'],
    [{ 'card[number]': '4111111111111111' }, 'card[number]'],
    [{ 'payment[card][cvv]': '123' }, 'payment[card][cvv]'],
    [{ 'card-number': '4111111111111111' }, 'card-number'],
    [{ cardNumber: '4111111111111111' }, 'cardNumber'],
    [{ CCNUM: '4111111111111111' }, 'CCNUM'],
    [{ cc_number: '4111111111111111' }, 'cc_number'],
    [{ PAN: '4111111111111111' }, 'PAN'],
    [{ 'Security Code': '123' }, 'Security Code'],
    [{ CVC: 123 }, 'CVC'],
    [{ csc: '1234' }, 'csc'],
    [{ 'x-card-number': '4111111111111111' }, 'x-card-number'],
    [{ 'x-cvv': '123' }, 'x-cvv'],
    [{ card_number: 'visa 4111 1111 1111 1111 exp 12/30' }, 'card_number'],
    [{ card_number: { value: '4111111111111111' } }, 'card_number.value'],
    [{ 'idempotency-key': '4111111111111111' }, 'idempotency-key'],
    [{ 'idempotency-key': 'card-4111-1111-1111-1111' }, 'idempotency-key'],
  ])('refuses %j at %s', (payload, path) => {
    expect(findCardData(payload)).toBe(path);
  });

  it('finds card data at any depth, without recursion', () => {
    expect(findCardData(nested(40, { card_number: '4111111111111111' }))).toMatch(
      /^(level\.){40}card_number$/,
    );
    expect(findCardData(nested(100_000, { cvv: '123' }))).toMatch(/cvv$/);
  });

  it('names the root it was given', () => {
    expect(findCardData({ cvv: '123' }, 'payload')).toBe('payload.cvv');
  });

  it.each([
    [{ id: '4111111111111111', order_number: 1001 }],
    [{ number: '4111111111111111' }], // a top-level "number" is an order or invoice number
    [{ card_number: '4111111111111112' }], // fails Luhn: not a card
    [{ masked_card_number: 'xxxxxxxxxxxx1111', last4: '1111' }],
    [{ card: { last4: '1111', brand: 'visa' } }],
    [{ 'idempotency-key': 'order-820982911946154508-x' }], // 18 digits failing Luhn
    [
      {
        id: 820982911946154500,
        order_number: 1001,
        payment_details: {
          credit_card_bin: '424242',
          credit_card_number: '•••• •••• •••• 4242',
          credit_card_company: 'Visa',
          cvv_result_code: 'M',
          credit_card_expiration_month: 12,
        },
        customer: { id: '4111111111111111' },
      },
    ],
  ])('accepts %j', (payload) => {
    expect(findCardData(payload)).toBeNull();
  });
});

describe('findCardDataInText', () => {
  it.each([
    'card_number=4111111111111111',
    'card[number]=4111-1111-1111-1111&exp=1230',
    'Card: 4111 1111 1111 1111',
    '4111111111111111',
    'cvv: 123',
    '{"security_code":"1234"}',
  ])('refuses %s', (text) => {
    expect(findCardDataInText(text)).not.toBeNull();
  });

  it.each(['order 820982911946154508 shipped', 'total 12345 cents', 'last four 1111'])(
    'accepts %s',
    (text) => {
      expect(findCardDataInText(text)).toBeNull();
    },
  );
});

describe('findStoredValueProblem', () => {
  it('finds card data and unstorable text in one walk, the first in document order', () => {
    const card = { card_number: '4111 1111 1111 1111' };
    expect(findStoredValueProblem({ a: 'ok', b: [1, { c: 'x\u0000' }], d: card })).toEqual({
      type: 'text',
      path: 'b.1.c',
      problem: 'contains a NUL character (U+0000)',
      inKey: false,
    });
    expect(findStoredValueProblem({ a: [card], b: '\ud800' }, 'body')).toEqual({
      type: 'card',
      path: 'body.a.0.card_number',
    });
    expect(findStoredValueProblem({ headers: { 'x\u0000y': '1' } })).toMatchObject({
      type: 'text',
      path: 'headers',
      inKey: true,
    });
    expect(findStoredValueProblem('\udc00', 'body')).toMatchObject({ type: 'text', path: 'body' });
  });

  it('passes a large body of numbers and plain text', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => i);
    expect(findStoredValueProblem({ items, note: 'order 4111 1111 1111 1111' })).toBeNull();
  });
});

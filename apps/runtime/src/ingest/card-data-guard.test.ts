import { describe, expect, it } from 'vitest';
import { findCardData } from './card-data-guard';

describe('findCardData', () => {
  it.each([
    [{ card_number: '4111 1111 1111 1111' }, 'card_number'],
    [{ payment: { card: { number: '4111-1111-1111-1111', exp: '12/30' } } }, 'payment.card.number'],
    [{ credit_card: { number: 4111111111111111 } }, 'credit_card.number'],
    [{ items: [{ cvv: '123' }] }, 'items.0.cvv'],
    [{ card: { security_code: '1234' } }, 'card.security_code'],
  ])('refuses %j at %s', (payload, path) => {
    expect(findCardData(payload)).toBe(path);
  });

  it.each([
    [{ id: '4111111111111111', order_number: 1001 }],
    [{ number: '4111111111111111' }], // a top-level "number" is an order or invoice number
    [{ card_number: '4111111111111112' }], // fails Luhn: not a card
    [{ masked_card_number: 'xxxxxxxxxxxx1111', last4: '1111' }],
    [{ card: { last4: '1111', brand: 'visa' } }],
  ])('accepts %j', (payload) => {
    expect(findCardData(payload)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { cardKey } from './keys';

const check = (masked_card: string | null, customer_id: string | null) => ({
  avs_response: null,
  csc_response: null,
  masked_card,
  customer_id,
});

describe('cardKey', () => {
  it('keys a card by its masked number and vault profile', () => {
    expect(cardKey(check('xxxxxxxxxxxx1111', 'cust-1'))).toBe('xxxxxxxxxxxx1111|cust-1');
    expect(cardKey(check('xxxxxxxxxxxx1111', null))).toBe('xxxxxxxxxxxx1111|');
  });

  it('keys a vault profile answered without a masked card by the profile, not by invented digits', () => {
    expect(cardKey(check(null, 'cust-1'))).toBe('|cust-1');
    expect(cardKey(check(null, 'cust-1'))).not.toBe(cardKey(check(null, 'cust-2')));
  });

  it('has no key without a card or a profile', () => {
    expect(cardKey(check(null, null))).toBeNull();
    expect(cardKey(null)).toBeNull();
  });
});

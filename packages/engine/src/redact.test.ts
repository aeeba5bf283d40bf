import { describe, expect, it } from 'vitest';
import { passesLuhn, redactDetails, redactSecrets } from './redact';

describe('passesLuhn', () => {
  it.each([
    ['4111111111111111', true],
    ['5555555555554444', true],
    ['378282246310005', true],
    ['4111111111111112', false],
    ['', false],
  ])('%s -> %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('redactSecrets', () => {
  it.each([
    ['card 4111111111111111 declined', 'card ************1111 declined'],
    ['{"cc":"5555555555554444"}', '{"cc":"************4444"}'],
    ['amex 378282246310005.', 'amex ***********0005.'],
    ['spaced 4111 1111 1111 1111 exp', 'spaced ************1111 exp'],
    ['dashed 4111-1111-1111-1111', 'dashed ************1111'],
    ['with expiry 4111 1111 1111 1111 12/25', 'with expiry ************1111 12/25'],
    ['order 12 4111 1111 1111 1111', 'order 12 ************1111'],
  ])('masks %j', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it.each([
    ['not Luhn-valid', 'ref 4111111111111112'],
    ['too short', 'id 411111111111'],
    ['too long', 'id 41111111111111111111111'],
    ['amounts and dates', 'amount 12.50 on 2024-01-15 for order #1001'],
  ])('leaves %s numbers alone', (_label, input) => {
    expect(redactSecrets(input)).toBe(input);
  });
});

describe('redactDetails', () => {
  it('masks card numbers in nested strings and numbers, and secret-named fields', () => {
    const details = {
      request: { body: 'ccnumber=4111111111111111&amount=10', card: 4111111111111111 },
      headers: [{ Authorization: 'Bearer abc' }],
      password: 'hunter2',
      cvv: '123',
      amount: 1000,
    };
    expect(redactDetails(details)).toEqual({
      request: { body: 'ccnumber=************1111&amount=10', card: '************1111' },
      headers: [{ Authorization: '[REDACTED]' }],
      password: '[REDACTED]',
      cvv: '[REDACTED]',
      amount: 1000,
    });
  });

  it('makes cyclic and exotic values storable as JSON', () => {
    const cyclic: Record<string, unknown> = { when: new Date('2024-01-01T00:00:00Z') };
    cyclic.self = cyclic;
    cyclic.err = new Error('boom 4111111111111111');
    cyclic.fn = () => 1;
    const out = redactDetails(cyclic);
    expect(out).toEqual({
      when: '2024-01-01T00:00:00.000Z',
      self: '[Circular]',
      err: { name: 'Error', message: 'boom ************1111' },
      fn: undefined,
    });
    expect(() => JSON.stringify(out)).not.toThrow();
  });
});

import fc from 'fast-check';
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

/** Appends the Luhn check digit that makes `body` a valid card-like number. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

/** Luhn-valid digit strings of 13–19 digits, the shape of every card number. */
const luhnValid = fc
  .integer({ min: 12, max: 18 })
  .chain((n) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }))
  .map((ds) => withCheckDigit(ds.join('')));

/** Card numbers as people and gateways write them: whole, or in groups of four. */
function grouped(digits: string, sep: string): string {
  return digits.match(/.{1,4}/g)!.join(sep);
}

describe('redactSecrets keeps ids readable', () => {
  it.each([
    ['order id in a document reference', 'no invoice shopify-order-8209829119461503159'],
    ['Shopify gid', 'Order gid://shopify/Order/820982911946154508 not found'],
    ['transaction gid', 'gid://shopify/OrderTransaction/4111111111111111 failed'],
    ['id with an underscore prefix', 'txn_4111111111111111 settled'],
    ['id inside a path', 'GET /admin/api/2025-01/orders/4111111111111111/refunds.json: 404'],
    ['labelled JSON id', '{"order_id":"4111111111111111","status":"open"}'],
    ['labelled id in a message', 'transaction id 4111111111111111 is unknown'],
    ['camelCase id', 'orderId=4111111111111111&x=1'],
    ['id followed by a word', '4111111111111111abc'],
  ])('leaves a %s alone', (_label, input) => {
    expect(redactSecrets(input)).toBe(input);
  });

  it('masks a card next to an id without touching the id', () => {
    expect(redactSecrets('order shopify-order-1001 paid with 4111 1111 1111 1111')).toBe(
      'order shopify-order-1001 paid with ************1111',
    );
  });

  it('still masks a card labelled as a card, in query strings and after a colon', () => {
    expect(redactSecrets('ccnumber=4111111111111111&paid=1')).toBe(
      'ccnumber=************1111&paid=1',
    );
    expect(redactSecrets('card:4111111111111111')).toBe('card:************1111');
    expect(redactSecrets('Invalid 4111111111111111')).toBe('Invalid ************1111');
  });

  it('property: every Luhn-valid 13–19 digit number in free text is masked to its last four', () => {
    fc.assert(
      fc.property(
        luhnValid,
        fc.constantFrom('', ' ', '-'),
        fc.constantFrom(
          ['card ', ' declined'],
          ['"', '"'],
          ['(', ')'],
          ['number: ', '.'],
          ['', ''],
          ['cc=', '&x=1'],
        ),
        (digits, sep, [before, after]) => {
          const out = redactSecrets(`${before}${grouped(digits, sep)}${after}`);
          expect(out).not.toContain(digits);
          expect(out.replace(/[ -]/g, '')).not.toContain(digits.slice(0, -4));
          expect(out).toContain(digits.slice(-4));
          expect(out.startsWith(before) && out.endsWith(after)).toBe(true);
        },
      ),
    );
  });

  it('property: ids that happen to pass Luhn survive whole', () => {
    fc.assert(
      fc.property(
        luhnValid,
        fc.constantFrom(
          (d: string) => `no invoice shopify-order-${d}`,
          (d: string) => `gid://shopify/Order/${d}`,
          (d: string) => `gid://shopify/Refund/${d}?x=1`,
          (d: string) => `{"id":"${d}"}`,
          (d: string) => `{"transaction_id": ${d}}`,
          (d: string) => `refund-${d}-retry`,
        ),
        (digits, shape) => {
          const text = shape(digits);
          expect(redactSecrets(text)).toBe(text);
        },
      ),
    );
  });
});

describe('redactDetails keeps ids under id keys', () => {
  it('keeps order and transaction ids, masks card-like values elsewhere', () => {
    expect(
      redactDetails({
        id: 4111111111111111,
        order_id: '4111111111111111',
        transactionId: '5555555555554444',
        note: 'card 5555555555554444',
      }),
    ).toEqual({
      id: 4111111111111111,
      order_id: '4111111111111111',
      transactionId: '5555555555554444',
      note: 'card ************4444',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gidType, legacyIdOf, normalizeId, resourceIdField, toGid } from './ids';

const BIG = '9007199254740993123';

describe('shopify ids', () => {
  it('keeps ids above 2^53 exact both ways', () => {
    const gid = toGid('Order', BIG);
    expect(gid).toBe(`gid://shopify/Order/${BIG}`);
    expect(legacyIdOf(gid)).toBe(BIG);
    expect(legacyIdOf(`${gid}?model_name=Order`)).toBe(BIG);
    expect(gidType(gid)).toBe('Order');
    expect(legacyIdOf(toGid('Order', '18446744073709551615'))).toBe('18446744073709551615');
  });

  it('refuses ids outside 64 bits and malformed ones', () => {
    expect(() => toGid('Order', '18446744073709551616')).toThrow(RangeError);
    expect(() => toGid('Order', '012')).toThrow(RangeError);
    expect(legacyIdOf('gid://shopify/Order/abc')).toBeUndefined();
  });

  it('normalizes what flows pass', () => {
    expect(normalizeId('Order', BIG)).toEqual({ gid: `gid://shopify/Order/${BIG}` });
    expect(normalizeId('Order', ` gid://shopify/Order/${BIG} `)).toEqual({
      gid: `gid://shopify/Order/${BIG}`,
    });
    expect(normalizeId('Order', 450789469)).toEqual({ gid: 'gid://shopify/Order/450789469' });
    expect(normalizeId('Order', 2 ** 53 + 2)).toEqual({
      error: expect.stringContaining('pass them as strings'),
    });
    expect(normalizeId('Order', `gid://shopify/Customer/1`)).toEqual({
      error: 'a Customer id where a Order id was expected',
    });
    expect(normalizeId('Refund', '#1001')).toEqual({
      error: expect.stringContaining('not a Refund id'),
    });
  });

  it('parses to the global id in config schemas', () => {
    const schema = z.object({ orderId: resourceIdField('Order') });
    expect(schema.parse({ orderId: BIG }).orderId).toBe(`gid://shopify/Order/${BIG}`);
    expect(schema.safeParse({ orderId: 'x' }).success).toBe(false);
  });
});

describe('resourceIdField', () => {
  it('calls a missing id "required", so the editor says what to do', () => {
    const parsed = z.object({ orderId: resourceIdField('Order') }).safeParse({});
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('required');
  });

  it('still explains an id of the wrong kind', () => {
    const parsed = resourceIdField('Order').safeParse(true);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).not.toBe('required');
  });
});

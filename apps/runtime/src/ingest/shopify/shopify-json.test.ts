import { describe, expect, it } from 'vitest';
import { parseShopifyJson } from './shopify-json';

describe('parseShopifyJson', () => {
  it('keeps ids above 2^53 exact, as strings', () => {
    const body = parseShopifyJson(
      '{"id":820982911946154508,"order_id":9007199254740993123,"line_items":[{"id":487817672276298554,"quantity":2}]}',
    );
    expect(body).toEqual({
      id: '820982911946154508',
      order_id: '9007199254740993123',
      line_items: [{ id: '487817672276298554', quantity: 2 }],
    });
    // What a plain JSON.parse would have handed the flow:
    expect(String(JSON.parse('{"id":820982911946154508}').id)).not.toBe('820982911946154508');
  });

  it('turns every id field into a string and leaves other numbers alone', () => {
    expect(
      parseShopifyJson(
        '{"id":450789469,"customer":{"id":207119551,"orders_count":3},"order_number":1001,"subtotal":12.5,"total_price":"19.99","big":12345678901234567890}',
      ),
    ).toEqual({
      id: '450789469',
      customer: { id: '207119551', orders_count: 3 },
      order_number: 1001,
      subtotal: 12.5,
      total_price: '19.99',
      big: '12345678901234567890',
    });
  });

  it('rejects malformed JSON', () => {
    expect(() => parseShopifyJson('{"id": 1,')).toThrow();
  });
});

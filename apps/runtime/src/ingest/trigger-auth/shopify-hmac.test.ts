import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shopifyHmac, verifyShopifyHmac } from './shopify-hmac';

const SECRET = 'shpss_test_client_secret';
const BODY = Buffer.from(
  '{"id":820982911946154508,"email":"jon@example.com","total_price":"10.00"}',
);

function req(headers: Record<string, string>, body = BODY) {
  return { headers, body };
}

describe('verifyShopifyHmac', () => {
  it('computes the base64 HMAC-SHA256 of the raw body, as Shopify documents', () => {
    expect(shopifyHmac(SECRET, BODY)).toBe(
      createHmac('sha256', SECRET).update(BODY).digest('base64'),
    );
  });

  it('accepts a correctly signed body, with the webhook id as delivery id', () => {
    const hmac = shopifyHmac(SECRET, BODY);
    expect(
      verifyShopifyHmac(
        req({ 'x-shopify-hmac-sha256': hmac, 'x-shopify-webhook-id': 'b54557e4-bdd9-4b37' }),
        [SECRET],
      ),
    ).toEqual({ ok: true, deliveryId: 'b54557e4-bdd9-4b37' });
    expect(verifyShopifyHmac(req({ 'x-shopify-hmac-sha256': hmac }), [SECRET])).toEqual({
      ok: true,
    });
  });

  it('accepts the old and the new secret during a rotation', () => {
    const secrets = ['shpss_new_secret', SECRET];
    for (const s of secrets) {
      const headers = { 'x-shopify-hmac-sha256': shopifyHmac(s, BODY) };
      expect(verifyShopifyHmac(req(headers), secrets).ok).toBe(true);
    }
  });

  it('signs an empty body like any other', () => {
    const empty = Buffer.alloc(0);
    const headers = { 'x-shopify-hmac-sha256': shopifyHmac(SECRET, empty) };
    expect(verifyShopifyHmac(req(headers, empty), [SECRET]).ok).toBe(true);
  });

  it('refuses a re-serialised body (same JSON, other whitespace or key order)', () => {
    const headers = { 'x-shopify-hmac-sha256': shopifyHmac(SECRET, BODY) };
    const parsed = JSON.parse(BODY.toString()) as Record<string, unknown>;
    const spaced = Buffer.from(JSON.stringify(parsed, null, 2));
    const reordered = Buffer.from(
      JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse())),
    );
    for (const body of [spaced, reordered]) {
      expect(verifyShopifyHmac(req(headers, body), [SECRET])).toEqual({
        ok: false,
        failure: 'credentials-invalid',
      });
    }
  });

  it.each([
    ['the wrong secret', shopifyHmac('shpss_other', BODY), 'credentials-invalid'],
    [
      'a hex digest',
      createHmac('sha256', SECRET).update(BODY).digest('hex'),
      'credentials-invalid',
    ],
    ['a header of another length', shopifyHmac(SECRET, BODY).slice(0, 20), 'credentials-invalid'],
    ['a flipped byte', flip(shopifyHmac(SECRET, BODY)), 'credentials-invalid'],
    ['an empty header', '', 'credentials-missing'],
  ])('refuses %s', (_case, hmac, failure) => {
    expect(verifyShopifyHmac(req({ 'x-shopify-hmac-sha256': hmac }), [SECRET])).toEqual({
      ok: false,
      failure,
    });
  });

  it('refuses a request without the header', () => {
    expect(verifyShopifyHmac(req({}), [SECRET])).toEqual({
      ok: false,
      failure: 'credentials-missing',
    });
  });

  it('ignores a webhook id that cannot be an event id', () => {
    const headers = {
      'x-shopify-hmac-sha256': shopifyHmac(SECRET, BODY),
      'x-shopify-webhook-id': 'has space',
    };
    expect(verifyShopifyHmac(req(headers), [SECRET])).toEqual({ ok: true });
  });
});

function flip(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString('base64');
}

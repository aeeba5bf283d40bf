import { describe, expect, it } from 'vitest';
import {
  TRIGGER_AUTH_CONNECTION_TYPES,
  standardSecretBytes,
  webhookBasicConnection,
  webhookBearerConnection,
  webhookConnections,
  webhookShopifyConnection,
  webhookStandardConnection,
} from './connections';

const whsec = (bytes: number) => `whsec_${Buffer.alloc(bytes, 7).toString('base64')}`;

describe('webhook connection types', () => {
  it('marks exactly the secrets as secret', () => {
    expect(webhookConnections.map((c) => [c.type, c.secretFields])).toEqual([
      ['webhook.bearer', ['token', 'previousToken']],
      ['webhook.basic', ['password']],
      ['webhook.standard', ['secrets']],
      ['webhook.shopify', ['secret', 'previousSecret']],
    ]);
  });

  it('maps each trigger auth method to a declared connection type', () => {
    const declared = new Set(webhookConnections.map((c) => c.type));
    for (const type of Object.values(TRIGGER_AUTH_CONNECTION_TYPES)) {
      expect(declared.has(type)).toBe(true);
    }
  });

  it('bearer: at least 16 characters, no pasted whitespace', () => {
    const ok = (token: string) => webhookBearerConnection.fields.safeParse({ token }).success;
    expect([ok('a'.repeat(16)), ok('a'.repeat(15)), ok(`${'a'.repeat(16)}\n`)]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('basic: a username without ":" and a password of 12 or more', () => {
    const ok = (username: string, password: string) =>
      webhookBasicConnection.fields.safeParse({ username, password }).success;
    expect([ok('shop', 'p'.repeat(12)), ok('a:b', 'p'.repeat(12)), ok('shop', 'short')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('standard: one to five whsec_ secrets of 24-64 bytes', () => {
    const ok = (secrets: unknown) =>
      webhookStandardConnection.fields.safeParse({ secrets }).success;
    expect(ok([whsec(24)])).toBe(true);
    expect(ok([whsec(32), whsec(64)])).toBe(true);
    expect(ok([])).toBe(false);
    expect(ok([whsec(23)])).toBe(false);
    expect(ok([whsec(65)])).toBe(false);
    expect(ok([Buffer.alloc(32).toString('base64')])).toBe(false);
    expect(ok(['whsec_not base64!'])).toBe(false);
    expect(ok(Array.from({ length: 6 }, () => whsec(32)))).toBe(false);
  });

  it('computes the byte length of a whsec_ secret without decoding it', () => {
    for (const n of [24, 25, 26, 32, 64]) expect(standardSecretBytes(whsec(n))).toBe(n);
    expect(standardSecretBytes('whsec_abc')).toBeNull();
  });

  it('shopify: a secret, and optionally the previous one during a rotation', () => {
    const ok = (values: unknown) => webhookShopifyConnection.fields.safeParse(values).success;
    expect(ok({ secret: 'shpss_0123' })).toBe(true);
    expect(ok({ secret: 'shpss_0123', previousSecret: 'shpss_old' })).toBe(true);
    expect(ok({ secret: '' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { verifyBearer } from './bearer';

const TOKEN = 'tok_0123456789abcdef0123';
const req = (authorization?: string) => ({
  headers: (authorization === undefined ? {} : { authorization }) as Record<string, string>,
  body: Buffer.from('{}'),
});

describe('verifyBearer', () => {
  it('accepts the configured token, with any case of the scheme name', () => {
    expect(verifyBearer(req(`Bearer ${TOKEN}`), [TOKEN])).toEqual({ ok: true });
    expect(verifyBearer(req(`bearer ${TOKEN}`), [TOKEN])).toEqual({ ok: true });
  });

  it('accepts either token during a rotation', () => {
    const tokens = ['tok_new_0123456789abcdef', TOKEN];
    expect(verifyBearer(req(`Bearer ${TOKEN}`), tokens).ok).toBe(true);
    expect(verifyBearer(req('Bearer tok_new_0123456789abcdef'), tokens).ok).toBe(true);
  });

  it.each([
    ['a wrong token', `Bearer ${TOKEN.slice(0, -1)}x`, 'credentials-invalid'],
    ['a token of another length', `Bearer ${TOKEN}${TOKEN}`, 'credentials-invalid'],
    [
      'a token with a prefix of the right one',
      `Bearer ${TOKEN.slice(0, 4)}`,
      'credentials-invalid',
    ],
    ['no header', undefined, 'credentials-missing'],
    ['an empty token', 'Bearer ', 'credentials-missing'],
    ['another scheme', `Basic ${TOKEN}`, 'credentials-missing'],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`, 'credentials-missing'],
  ])('refuses %s', (_case, header, failure) => {
    expect(verifyBearer(req(header), [TOKEN])).toEqual({ ok: false, failure });
  });
});

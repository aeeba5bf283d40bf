import { describe, expect, it } from 'vitest';
import { verifyBasic } from './basic';

const CREDS = [{ username: 'shop', password: 'correct horse battery' }];
const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;
const req = (authorization?: string) => ({
  headers: (authorization === undefined ? {} : { authorization }) as Record<string, string>,
  body: Buffer.alloc(0),
});

describe('verifyBasic', () => {
  it('accepts the right user name and password', () => {
    expect(verifyBasic(req(basic('shop:correct horse battery')), CREDS)).toEqual({ ok: true });
  });

  it('keeps colons after the first inside the password', () => {
    const creds = [{ username: 'shop', password: 'a:b:c-long-enough' }];
    expect(verifyBasic(req(basic('shop:a:b:c-long-enough')), creds).ok).toBe(true);
  });

  it('reads UTF-8 credentials', () => {
    const creds = [{ username: 'läden', password: 'pässwört-lang' }];
    expect(verifyBasic(req(basic('läden:pässwört-lang')), creds).ok).toBe(true);
  });

  it.each([
    ['a wrong password', basic('shop:correct horse batterx'), 'credentials-invalid'],
    ['a wrong user name', basic('shap:correct horse battery'), 'credentials-invalid'],
    ['a password of another length', basic('shop:correct'), 'credentials-invalid'],
    ['no colon', basic('shopcorrect horse battery'), 'credentials-missing'],
    ['no header', undefined, 'credentials-missing'],
    ['not base64', 'Basic %%%', 'credentials-missing'],
    ['a bearer token', 'Bearer abc', 'credentials-missing'],
  ])('refuses %s', (_case, header, failure) => {
    expect(verifyBasic(req(header), CREDS)).toEqual({ ok: false, failure });
  });
});

import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';

describe('master key settings', () => {
  it('accept a 32-byte key in base64 or hex and a comma list of previous keys', () => {
    const b64 = Buffer.alloc(32, 1).toString('base64');
    const hex = Buffer.alloc(32, 2).toString('hex');
    const env = loadEnv({
      PAYBRIDGE_SECRET_KEY: b64,
      PAYBRIDGE_SECRET_KEY_PREVIOUS: `${hex}, ${b64}`,
    });
    expect(env.PAYBRIDGE_SECRET_KEY).toBe(b64);
    expect(env.PAYBRIDGE_SECRET_KEY_PREVIOUS).toEqual([hex, b64]);
  });

  it('reject a malformed key with a message naming the variable but never its value', () => {
    const bad = 'my-secret-passphrase';
    let message = '';
    try {
      loadEnv({ PAYBRIDGE_SECRET_KEY: bad, PAYBRIDGE_SECRET_KEY_PREVIOUS: `${bad}2` });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('PAYBRIDGE_SECRET_KEY: must be 32 bytes in base64 or 64 hex digits');
    expect(message).toContain('PAYBRIDGE_SECRET_KEY_PREVIOUS');
    expect(message).not.toContain(bad);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateMasterKey, keyIdOf, parseMasterKey } from './master-key';

describe('master keys', () => {
  const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7));

  it('parse from hex, base64 and base64url, padded or not', () => {
    for (const text of [
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      bytes.toString('base64'),
      bytes.toString('base64url'),
      ` ${bytes.toString('base64')}\n`,
    ]) {
      expect(parseMasterKey(text)?.equals(bytes), text).toBe(true);
    }
  });

  it('refuse anything that is not exactly 32 bytes', () => {
    expect(parseMasterKey(Buffer.alloc(31).toString('base64'))).toBeNull();
    expect(parseMasterKey(Buffer.alloc(33).toString('hex'))).toBeNull();
    expect(parseMasterKey('correct horse battery staple')).toBeNull();
    expect(parseMasterKey('')).toBeNull();
  });

  it('are named by the first 8 hex digits of their SHA-256', () => {
    expect(keyIdOf(bytes)).toBe(createHash('sha256').update(bytes).digest('hex').slice(0, 8));
    const a = generateMasterKey();
    const b = generateMasterKey();
    expect(a.key).toHaveLength(32);
    expect(a.kid).toMatch(/^[0-9a-f]{8}$/);
    expect(a.kid).not.toBe(b.kid);
  });
});

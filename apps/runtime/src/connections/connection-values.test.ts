import { describe, expect, it } from 'vitest';
import { httpBasicAuthConnection, httpHeaderAuthConnection } from '@paybridge/nodes/definitions';
import {
  mergeValues,
  presentValues,
  secretStrings,
  splitValues,
  validateValues,
} from './connection-values';

const header = httpHeaderAuthConnection;
const basic = httpBasicAuthConnection;

describe('connection values', () => {
  const stored = {
    headerName: 'X-Api-Key',
    value: 'k-old',
    testUrl: 'https://api.example/me',
    allowedHosts: ['api.example'],
  };

  it('keep left-out fields and secrets sent back as { set: true }', () => {
    expect(mergeValues(header, stored, { headerName: 'X-Key' })).toEqual({
      ...stored,
      headerName: 'X-Key',
    });
    expect(mergeValues(header, stored, { value: { set: true } })).toEqual(stored);
    expect(mergeValues(header, stored, { value: 'k-new' })).toMatchObject({ value: 'k-new' });
  });

  it('clear with null, and with "" for a secret only as far as its schema allows', () => {
    expect(mergeValues(header, stored, { testUrl: null })).not.toHaveProperty('testUrl');
    // A header value cannot be empty: "" clears it, and validation then asks for one.
    const cleared = mergeValues(header, stored, { value: '' });
    expect(cleared).not.toHaveProperty('value');
    expect(validateValues(header, cleared)).toEqual({
      ok: false,
      issues: [{ path: 'values.value', message: expect.any(String) }],
    });
    // A basic password may be empty: "" is stored as such.
    expect(mergeValues(basic, { username: 'a', password: 'p' }, { password: '' })).toEqual({
      username: 'a',
      password: '',
    });
  });

  it('treat "__proto__" as an unknown field, not as a prototype', () => {
    const changes = JSON.parse('{"__proto__": {"value": "sneaky"}}') as Record<string, unknown>;
    const merged = mergeValues(header, {}, changes);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(validateValues(header, merged)).toMatchObject({
      ok: false,
      issues: [{ path: 'values.__proto__', message: 'unknown field' }],
    });
  });

  it('refuse unknown fields and report schema issues by field path', () => {
    expect(validateValues(header, { value: 'v', hedaerName: 'X' })).toEqual({
      ok: false,
      issues: [{ path: 'values.hedaerName', message: 'unknown field' }],
    });
    const hosts = { allowedHosts: ['api.example.com'] };
    const bad = validateValues(header, { value: 'v', headerName: 'bad name', ...hosts });
    expect(bad.ok === false && bad.issues.map((i) => i.path)).toEqual(['values.headerName']);
    expect(validateValues(header, { value: 'v', ...hosts })).toEqual({
      ok: true,
      values: { headerName: 'Authorization', value: 'v', ...hosts },
    });
    const unpinned = validateValues(header, { value: 'v' });
    expect(unpinned.ok === false && unpinned.issues.map((i) => i.path)).toEqual([
      'values.allowedHosts',
    ]);
  });

  it('split secrets from plain values and show secrets only as set or not', () => {
    expect(splitValues(header, stored)).toEqual({
      plain: {
        headerName: 'X-Api-Key',
        testUrl: 'https://api.example/me',
        allowedHosts: ['api.example'],
      },
      secret: { value: 'k-old' },
    });
    expect(presentValues(header, { headerName: 'X' }, ['value'])).toEqual({
      headerName: 'X',
      value: { set: true },
    });
    expect(presentValues(basic, { username: 'a' }, [])).toEqual({
      username: 'a',
      password: { set: false },
    });
    expect(secretStrings({ a: ['x', 1, ''], b: 'y' })).toEqual(['x', '1', 'y']);
  });
});

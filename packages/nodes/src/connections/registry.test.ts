import { describe, expect, it } from 'vitest';
import { basicAuthorization, httpBasicAuthConnection } from './http/basic-auth';
import { httpHeaderAuthConnection } from './http/header-auth';
import { connectionCatalog, connectionDefinitions, lookupConnectionType } from './registry';

describe('connection registry', () => {
  it('lists each type once and finds it by name', () => {
    const types = connectionDefinitions.map((d) => d.type);
    expect(types).toContain('http.header-auth');
    expect(types).toContain('http.basic-auth');
    expect(new Set(types).size).toBe(types.length);
    expect(lookupConnectionType('http.basic-auth')).toBe(httpBasicAuthConnection);
    expect(lookupConnectionType('nope')).toBeUndefined();
  });

  it('serves a plain-JSON catalogue with field schemas and the secret fields', () => {
    const catalog = connectionCatalog();
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
    const header = catalog.find((entry) => entry.type === 'http.header-auth');
    expect(header?.secretFields).toEqual(['value']);
    expect(header?.fieldsSchema).toMatchObject({
      type: 'object',
      required: ['value', 'allowedHosts'],
      properties: { value: { secret: true, title: 'Header value' }, testUrl: {} },
    });
    expect(catalog.find((entry) => entry.type === 'http.basic-auth')?.secretFields).toEqual([
      'password',
    ]);
  });
});

describe('http auth connection types', () => {
  it('check header names and refuse line breaks in values', () => {
    const fields = httpHeaderAuthConnection.fields;
    const pinned = { allowedHosts: ['api.example.com'] };
    expect(fields.parse({ value: 'Bearer abc', ...pinned })).toMatchObject({
      headerName: 'Authorization',
    });
    // New connections name the hosts their credentials may go to.
    expect(fields.safeParse({ value: 'Bearer abc' }).success).toBe(false);
    expect(fields.safeParse({ value: 'Bearer abc', allowedHosts: [] }).success).toBe(false);
    expect(fields.safeParse({ value: 'v', allowedHosts: ['https://x.com/'] }).success).toBe(false);
    const offHost = fields.safeParse({
      value: 'v',
      allowedHosts: ['api.example.com'],
      testUrl: 'https://evil.example.net/me',
    });
    expect(offHost.error?.issues).toEqual([
      expect.objectContaining({ path: ['testUrl'], message: expect.stringContaining('evil') }),
    ]);
    expect(fields.safeParse({ headerName: 'X Key', value: 'v' }).success).toBe(false);
    expect(fields.safeParse({ headerName: 'Host', value: 'v' }).success).toBe(false);
    expect(fields.safeParse({ value: 'a\r\nInjected: 1' }).success).toBe(false);
    expect(fields.safeParse({ value: '' }).success).toBe(false);
    expect(fields.safeParse({ value: 'v', testUrl: 'ftp://x' }).success).toBe(false);
  });

  it('derive the encodings a service may echo back', () => {
    expect(
      httpHeaderAuthConnection.secretForms({
        headerName: 'Authorization',
        value: 'Bearer tok_123456',
        allowedHosts: ['api.example.com'],
      }),
    ).toEqual(['tok_123456']);
    expect(
      httpHeaderAuthConnection.secretForms({
        headerName: 'X-Key',
        value: 'k1',
        allowedHosts: ['api.example.com'],
      }),
    ).toEqual([]);
    const basic = { username: 'ann', password: 'pw', allowedHosts: ['api.example.com'] };
    expect(httpBasicAuthConnection.secretForms(basic)).toEqual([
      basicAuthorization('ann', 'pw').slice(6),
    ]);
    expect(basicAuthorization('ann', 'pw')).toBe(
      `Basic ${Buffer.from('ann:pw').toString('base64')}`,
    );
    expect(basicAuthorization('zoë', 'pässword')).toBe(
      `Basic ${Buffer.from('zoë:pässword', 'utf8').toString('base64')}`,
    );
  });

  it('allow an empty basic password but no ":" in the user name', () => {
    const fields = httpBasicAuthConnection.fields;
    expect(
      fields.safeParse({ username: 'key_1', password: '', allowedHosts: ['x.com'] }).success,
    ).toBe(true);
    expect(fields.safeParse({ username: 'a:b', password: 'x' }).success).toBe(false);
  });
});

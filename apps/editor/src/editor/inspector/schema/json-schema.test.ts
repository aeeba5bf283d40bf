import { nodeCatalog } from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';
import { fieldKind, formatDuration, unionVariants, type FieldSchema } from './json-schema';

const props = (type: string) =>
  (nodeCatalog().find((e) => e.type === type)?.configSchema.properties ?? {}) as Record<
    string,
    FieldSchema
  >;

describe('fieldKind', () => {
  it('follows the widget the node declares, else the schema type', () => {
    const rest = props('trigger.rest');
    expect(fieldKind(rest.path!, 'path')).toBe('text');
    expect(fieldKind(rest.mode!, 'mode')).toBe('select');
    expect(fieldKind(rest.timeoutMs!, 'timeoutMs')).toBe('duration');
    expect(fieldKind(rest.auth!, 'auth')).toBe('union');
    expect(fieldKind(rest.ipAllowList!, 'ipAllowList')).toBe('string-list');
    const http = props('http.request');
    expect(fieldKind(http.headers!, 'headers')).toBe('key-value');
    expect(fieldKind(http.body!, 'body')).toBe('json');
    expect(fieldKind(http.failOnHttpError!, 'x')).toBe('switch');
    expect(fieldKind(http.connectionId!, 'connectionId')).toBe('connection');
    expect(fieldKind(props('branch').rules!, 'rules')).toBe('object-list');
    expect(fieldKind(props('map').expression!, 'expression')).toBe('jsonata');
  });

  it('draws fields of node types it has never seen from their JSON types', () => {
    expect(fieldKind({ type: 'integer' }, 'amount')).toBe('number');
    expect(fieldKind({ type: 'boolean' }, 'capture')).toBe('switch');
    expect(fieldKind({ type: 'string', enum: ['a', 'b'] }, 'x')).toBe('select');
    expect(fieldKind({ type: 'object', properties: { a: {} } }, 'x')).toBe('object');
    expect(fieldKind({ type: 'array', items: { type: 'object' } }, 'x')).toBe('object-list');
    expect(fieldKind({}, 'anything')).toBe('json');
  });
});

describe('unionVariants', () => {
  it('finds the discriminator of the REST trigger auth', () => {
    const u = unionVariants(props('trigger.rest').auth!);
    expect(u?.key).toBe('type');
    expect(u?.variants.map((v) => v.tag)).toEqual([
      'none',
      'bearer',
      'basic',
      'standard-webhooks',
      'shopify-hmac',
    ]);
  });
});

describe('formatDuration', () => {
  it('reads milliseconds as people do', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(90_000)).toBe('1 min 30 s');
    expect(formatDuration(2_592_000_000)).toBe('30 d');
  });
});

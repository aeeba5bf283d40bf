import { describe, expect, it } from 'vitest';
import { schemaExample } from './schema-example';

describe('schemaExample', () => {
  it('uses the declared example of the whole value when there is one', () => {
    expect(schemaExample({ type: 'object', examples: [{ a: 1 }], properties: {} })).toEqual({
      a: 1,
    });
  });

  it('builds objects field by field: examples, defaults, enums, then the type', () => {
    expect(
      schemaExample({
        type: 'object',
        properties: {
          total: {
            type: 'object',
            properties: {
              minor: { type: 'integer', examples: [4999] } as never,
              currency: { type: 'string' },
            },
          },
          status: { enum: ['approved', 'declined'] },
          retries: { type: 'integer', default: 3 },
          when: { type: 'string', format: 'date-time' },
          customer: {
            anyOf: [{ type: 'object', properties: { id: { type: 'string' } } }, { type: 'null' }],
          },
          lines: {
            type: 'array',
            items: { type: 'object', properties: { sku: { type: 'string' } } },
          },
          paid: { type: 'boolean' },
        },
      }),
    ).toEqual({
      total: { minor: 4999, currency: 'text' },
      status: 'approved',
      retries: 3,
      when: '2026-01-01T00:00:00.000Z',
      customer: { id: 'text' },
      lines: [{ sku: 'text' }],
      paid: false,
    });
  });

  it('leaves out what the schema does not describe', () => {
    expect(schemaExample(undefined)).toBeUndefined();
    expect(schemaExample({ type: 'object', properties: { any: {} } })).toEqual({});
  });
});

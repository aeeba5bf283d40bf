import { describe, expect, it } from 'vitest';
import { toJson, toJsonOrFail } from './json-values';

describe('data normalised as the store reads it back', () => {
  it('hands plain JSON on as it is, so a large body is not copied at every node', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => ({ sku: `SKU-${i}`, qty: i % 3 }));
    const output = { id: 'ORD-1', lines, step: 2, note: null, ok: true };
    expect(toJson(output)).toBe(output);
    expect(toJsonOrFail(output, 'output')).toBe(output);
  });

  it('still turns what JSON would change into what it reads back', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const sequence = Object.assign([1, 2], { sequence: true });
    class Money {
      constructor(readonly minor: number) {}
    }
    const value = { at, gone: undefined, sequence, money: new Money(5), nan: Number.NaN };
    const normalised = toJson(value) as Record<string, unknown>;
    expect(normalised).toStrictEqual({
      at: '2026-01-02T03:04:05.000Z',
      sequence: [1, 2],
      money: { minor: 5 },
      nan: null,
    });
    expect(Object.hasOwn(normalised.sequence as object, 'sequence')).toBe(false);
    expect(() => toJsonOrFail(1n, 'output')).toThrow(/cannot be stored as JSON/);
  });
});

import { describe, expect, it } from 'vitest';
import { fitToTarget, sampleAt } from './minor-units';
import type { DataSource } from './node-scope';
import { writePath } from './path-writer';
import { previewExpression } from './preview';

const order = {
  body: { total_price: '49.99', subtotal_price: '45.0', line_items: [{ quantity: 2 }] },
};
const sources: DataSource[] = [
  { origin: { kind: 'trigger' }, title: '$trigger (shopify)', value: order, provenance: 'schema' },
];
const scope = { input: undefined, trigger: order, nodes: {} };

/** What a drop of `segments` on a target of `type` writes, and what it gives on the order. */
async function drop(segments: { key: string }[], type: 'integer' | 'string') {
  const path = writePath({ kind: 'trigger' }, segments, type).expression;
  const expression = fitToTarget(path, sampleAt(sources, { kind: 'trigger' }, segments), type);
  return { expression, result: await previewExpression(expression, scope) };
}

describe('a Shopify price dropped on an amount in minor units', () => {
  it('is converted exactly, by its digits', async () => {
    const total = await drop([{ key: 'body' }, { key: 'total_price' }], 'integer');
    expect(total.result).toEqual({ ok: true, value: 4999 });
    const subtotal = await drop([{ key: 'body' }, { key: 'subtotal_price' }], 'integer');
    expect(subtotal.result).toEqual({ ok: true, value: 4500 });
  });

  it('stays the plain path for a text target or a value that is no decimal amount', async () => {
    const text = await drop([{ key: 'body' }, { key: 'total_price' }], 'string');
    expect(text.expression).toBe('$trigger.body.total_price');
    const path = [{ key: 'body' }, { key: 'line_items' }];
    expect(fitToTarget('x', sampleAt(sources, { kind: 'trigger' }, path), 'integer')).toBe('x');
  });
});

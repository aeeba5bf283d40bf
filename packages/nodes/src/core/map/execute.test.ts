import { describe, expect, it } from 'vitest';
import { ExpressionError } from '@paybridge/engine';
import { createTestContext, expectOutput } from '../../test-context';
import { mapNode } from './definition';
import { mapExecutor } from './execute';

const order = {
  id: 820982911946154508n.toString(),
  total_price: '25.99',
  line_items: [
    { sku: 'A-1', quantity: 2 },
    { sku: 'B-2', quantity: 1 },
  ],
};

async function run(expression: string, options: Parameters<typeof createTestContext>[2] = {}) {
  const ctx = createTestContext(mapNode, { expression }, { input: order, ...options });
  return expectOutput(mapNode, await mapExecutor.execute(ctx));
}

describe('map config', () => {
  it('rejects a JSONata syntax error on save, naming the position', () => {
    const result = mapNode.config.safeParse({ expression: '{ "a": id, }' });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['expression']);
    expect(issue?.message).toMatch(/position \d+/);
  });

  it('rejects an empty expression', () => {
    expect(mapNode.config.safeParse({ expression: '' }).success).toBe(false);
  });

  it('declares its expression raw, so the engine leaves it for the executor', () => {
    expect(mapNode.rawExpressionFields).toEqual(['expression']);
    expect(mapNode.effects).toBe(false);
  });
});

describe('map executor', () => {
  it('emits the reshaped input on "out"', async () => {
    const result = await run(
      '{ "orderId": id, "amount": $round($number(total_price) * 100), "skus": line_items.sku }',
    );
    expect(result).toEqual({
      port: 'out',
      output: { orderId: '820982911946154508', amount: 2599, skus: ['A-1', 'B-2'] },
    });
  });

  it('keeps order ids beyond 2^53 exact when they arrive as strings', async () => {
    expect((await run('id')).output).toBe('820982911946154508');
  });

  it('emits null when the expression matches nothing', async () => {
    expect((await run('customer.email')).output).toBeNull();
  });

  it('can read the trigger, earlier nodes and env settings', async () => {
    const result = await run(
      '{ "shop": $trigger.query.shop, "ledger": $node("erp").id, "env": $env.REGION }',
      {
        trigger: { query: { shop: 'demo' } },
        nodes: { erp: { id: 'INV-7' } },
        env: { REGION: 'us' },
      },
    );
    expect(result.output).toEqual({ shop: 'demo', ledger: 'INV-7', env: 'us' });
  });

  it('fails permanently with the expression error when evaluation fails', async () => {
    await expect(run('$number("not a number") + $undefinedFn()')).rejects.toBeInstanceOf(
      ExpressionError,
    );
  });

  it('refuses to emit a function (not storable data)', async () => {
    await expect(run('$sum')).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'EXPRESSION_RESULT_NOT_DATA',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { FAN_OUT_MAX_ITEMS, NodeError } from '@paybridge/engine';
import { createTestContext, expectOutput } from '../../test-context';
import { forEachNode } from './definition';
import { forEachExecutor } from './execute';

async function failureOf(promise: Promise<unknown>): Promise<NodeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NodeError);
  return err as NodeError;
}

describe('for-each', () => {
  it('hands the engine the items keyed by position, with the concurrency', async () => {
    const ctx = createTestContext(forEachNode, { items: ['a', 'b'], concurrency: 2 });
    const { port, output } = expectOutput(forEachNode, await forEachExecutor.execute(ctx));
    expect(port).toBe('item');
    expect(output).toEqual({
      items: [
        { key: '0', value: 'a' },
        { key: '1', value: 'b' },
      ],
      concurrency: 2,
    });
  });

  it('keys items by the item key expression, so records follow the item, not its position', async () => {
    const ctx = createTestContext(forEachNode, {
      items: [{ id: 7 }, { id: 'x9' }],
      itemKey: 'id',
    });
    const { output } = expectOutput(forEachNode, await forEachExecutor.execute(ctx));
    expect((output as { items: { key: string }[] }).items.map((i) => i.key)).toEqual(['7', 'x9']);
  });

  it('refuses duplicate and missing keys with a clear error', async () => {
    const dup = createTestContext(forEachNode, { items: [{ id: 1 }, { id: 1 }], itemKey: 'id' });
    expect((await failureOf(forEachExecutor.execute(dup))).code).toBe('FOR_EACH_KEY_DUPLICATE');
    const missing = createTestContext(forEachNode, { items: [{}], itemKey: 'id' });
    expect((await failureOf(forEachExecutor.execute(missing))).code).toBe('FOR_EACH_KEY_INVALID');
  });

  it(`refuses more than ${FAN_OUT_MAX_ITEMS} items`, async () => {
    const ctx = createTestContext(forEachNode, {
      items: Array.from({ length: FAN_OUT_MAX_ITEMS + 1 }, (_, i) => i),
    });
    const err = await failureOf(forEachExecutor.execute(ctx));
    expect(err.code).toBe('FOR_EACH_TOO_MANY_ITEMS');
    expect(err.message).toContain(`at most ${FAN_OUT_MAX_ITEMS}`);
  });

  it('declares the fan-out to the engine and caps concurrency', () => {
    expect(forEachNode.iterate).toEqual({ itemPort: 'item', donePort: 'done' });
    expect(forEachNode.config.safeParse({ concurrency: 0 }).success).toBe(false);
    expect(forEachNode.config.safeParse({ concurrency: 21 }).success).toBe(false);
  });
});

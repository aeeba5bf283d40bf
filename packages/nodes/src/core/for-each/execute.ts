import { FAN_OUT_MAX_ITEMS, PermanentError, type FanOut } from '@paybridge/engine';
import { implementNode } from '../../define-node';
import { forEachNode } from './definition';

/** Longest item key: keys name step records and effect records. */
const MAX_KEY_LENGTH = 200;

/**
 * Decides the items and their keys; the engine then runs the body once per item. Keys come from
 * **Item key** when set (so an item keeps its records whatever its position), else the index.
 */
export const forEachExecutor = implementNode(forEachNode, async (ctx) => {
  const { items, itemKey, concurrency } = ctx.config;
  if (items.length > FAN_OUT_MAX_ITEMS) {
    throw new PermanentError(
      'FOR_EACH_TOO_MANY_ITEMS',
      `Items has ${items.length} elements; a for-each takes at most ${FAN_OUT_MAX_ITEMS}. Split the list (e.g. with a map node) or filter it first.`,
    );
  }
  const seen = new Map<string, number>();
  const out: FanOut['items'] = [];
  for (const [index, value] of items.entries()) {
    const key = itemKey === undefined ? String(index) : await keyOf(itemKey, value, index);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new PermanentError(
        'FOR_EACH_KEY_DUPLICATE',
        `Items ${earlier} and ${index} have the same key "${key}"; the item key must tell items apart`,
      );
    }
    seen.set(key, index);
    out.push({ key, value });
  }
  return { port: 'item', output: { items: out, concurrency } satisfies FanOut };

  async function keyOf(expression: string, value: unknown, index: number): Promise<string> {
    const key = await ctx.evaluate(expression, value);
    if ((typeof key !== 'string' && typeof key !== 'number') || String(key) === '') {
      throw new PermanentError(
        'FOR_EACH_KEY_INVALID',
        `The item key of item ${index} is not a text or number (got ${key === undefined ? 'nothing' : JSON.stringify(key)})`,
      );
    }
    const text = String(key);
    if (text.length > MAX_KEY_LENGTH) {
      throw new PermanentError(
        'FOR_EACH_KEY_INVALID',
        `The item key of item ${index} is longer than ${MAX_KEY_LENGTH} characters`,
      );
    }
    return text;
  }
});

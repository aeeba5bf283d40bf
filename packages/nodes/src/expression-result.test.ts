import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '@paybridge/engine';
import { toPlainData } from './expression-result';

const plain = async (expression: string, data: unknown = {}) =>
  toPlainData(await evaluateExpression(expression, data));

describe('toPlainData', () => {
  it('turns JSONata sequences into ordinary arrays that compare and serialise as such', async () => {
    const result = await plain('items.sku', { items: [{ sku: 'A' }, { sku: 'B' }] });
    expect(result).toStrictEqual(['A', 'B']);
    expect(Object.keys(result as object)).toEqual(['0', '1']);
  });

  it('keeps the parts of the input a mapping did not change, instead of copying them', async () => {
    const input = {
      id: 'ORD-1',
      lines: [{ sku: 'A', qty: 1 }],
      customer: { email: 'a@b.example' },
    };
    const result = (await plain('$merge([$, {"step": 2}])', input)) as typeof input;
    expect(result).toStrictEqual({ ...input, step: 2 });
    expect(result.lines).toBe(input.lines);
    expect(result.customer).toBe(input.customer);
  });

  it('maps "no match" to null and drops fields that matched nothing', async () => {
    expect(await plain('missing')).toBeNull();
    expect(await plain('{ "a": 1, "b": missing }')).toStrictEqual({ a: 1 });
  });

  it('keeps a "__proto__" key as data instead of changing the prototype', async () => {
    const result = (await plain('{ "__proto__": { "polluted": true } }')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a built-in function', '$sum'],
    ['a lambda', 'function($x) { $x }'],
    ['a function inside an object', '{ "f": $uppercase }'],
  ])('fails permanently on %s, naming where it is', async (_label, expression) => {
    await expect(plain(expression)).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'EXPRESSION_RESULT_NOT_DATA',
      message: expect.stringMatching(/function at \$/),
    });
  });
});

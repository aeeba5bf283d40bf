import { describe, expect, it } from 'vitest';
import { newFieldKey, parseObjectExpression, writeObjectExpression } from './object-expression';

describe('object expressions', () => {
  it('splits a constructor into pairs, nested brackets and strings intact', () => {
    const fields = parseObjectExpression(
      '{ "order": body.id, "items": [body.lines.{ "sku": sku, "q": "a,b" }], \'x\': $sum(body.lines.(p * q)) /* , */ }',
    );
    expect(fields).toEqual([
      { key: 'order', expression: 'body.id' },
      { key: 'items', expression: '[body.lines.{ "sku": sku, "q": "a,b" }]' },
      { key: 'x', expression: '$sum(body.lines.(p * q)) /* , */' },
    ]);
  });

  it('returns null for what is not a plain constructor', () => {
    expect(parseObjectExpression('body.id')).toBeNull();
    expect(parseObjectExpression('{ key: 1 }')).toBeNull();
    expect(parseObjectExpression('{ "a": (1 }')).toBeNull();
    expect(parseObjectExpression('')).toEqual([]);
  });

  it('writes pairs back so that they parse the same', () => {
    const text = writeObjectExpression([
      { key: 'first name', expression: '`customer info`.`first name`' },
      { key: 'q"uote', expression: '1' },
    ]);
    expect(parseObjectExpression(text)).toEqual([
      { key: 'first name', expression: '`customer info`.`first name`' },
      { key: 'q"uote', expression: '1' },
    ]);
  });

  it('names new fields after the source without clashes', () => {
    expect(newFieldKey('id', [])).toBe('id');
    expect(newFieldKey('id', ['id', 'id_2'])).toBe('id_3');
    expect(newFieldKey('first item [0]', [])).toBe('first item 0');
  });
});

import { describe, expect, it } from 'vitest';
import { boundedInProcess, isBoundedExpression } from './expression-bounds';
import { expressionLimits, type ExpressionEvaluator } from './expression-evaluator';

describe('expressions plainly linear in their data', () => {
  it('recognises ordinary mappings', () => {
    for (const source of [
      '$merge([$, {"step": 2}])',
      '$merge([body, {"step": 1}])',
      '{ "id": $trigger.body.id, "total": $sum(lines.(qty * price)), "skus": lines[qty > 1].sku }',
      '$input.amount',
      '$node("charge").transactionId',
      '( $o := body; { "id": $o.id, "email": $lowercase($o.email) } )',
      'status = "paid" ? "capture" : "void"',
      '"Order " & $string(body.id)',
      'lines.{ "sku": sku, "qty": qty }',
      '$count(lines[0].tags)',
      '$env.STORE',
    ]) {
      expect(isBoundedExpression(source), source).toBe(true);
    }
  });

  it('leaves to isolation whatever could run away or multiply the work', () => {
    for (const source of [
      '$count($sort(body.items))',
      '$match(body.s, /(a|aa)+$/)',
      '$pad("", 100000000)',
      '$eval(body.code)',
      '$contains(body.s, /x+/)',
      '[1..100000000]',
      '$map(lines, function($l) { $l.sku })',
      '( $f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f(50) )',
      'lines.($$.lines)',
      'lines.($input.lines)',
      'lines[$count($$.lines) > 0]',
      'lines.$node("big")',
      '( $all := lines; lines.($all) )',
      '**.sku',
      '$ ~> |lines|{"x": 1}|',
      'lines#$i.sku',
      '$replace(body.s, "a", "b")',
      '$distinct(lines)',
      '(',
    ]) {
      expect(isBoundedExpression(source), source).toBe(false);
    }
  });

  it('evaluates bounded expressions in the calling thread and hands the rest over', async () => {
    const handed: string[] = [];
    const isolated: ExpressionEvaluator = {
      evaluate: async (source) => {
        handed.push(source);
        return 'isolated';
      },
    };
    const evaluator = boundedInProcess(isolated);
    const limits = expressionLimits();
    const input = { a: 1 };
    expect(await evaluator.evaluate('$merge([$, {"b": 2}])', input, { input }, limits)).toEqual({
      a: 1,
      b: 2,
    });
    expect(await evaluator.evaluate('$sort([3, 1])', input, { input }, limits)).toBe('isolated');
    expect(handed).toEqual(['$sort([3, 1])']);
  });
});

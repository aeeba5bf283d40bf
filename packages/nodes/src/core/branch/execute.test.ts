import { describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../test-context';
import { branchNode } from './definition';
import { branchExecutor } from './execute';

const rules = [
  { port: 'refunded', when: '$count(refunds) > 0' },
  { port: 'paid', when: 'financial_status = "paid"' },
];

async function route(input: unknown, config: unknown = { rules }) {
  const ctx = createTestContext(branchNode, config, { input });
  return expectOutput(branchNode, await branchExecutor.execute(ctx));
}

describe('branch config', () => {
  it.each([
    ['a duplicate port', [rules[1], rules[1]], /used by an earlier rule/],
    ['the reserved port "default"', [{ port: 'default', when: 'true' }], /reserved/],
    ['the reserved port "error"', [{ port: 'error', when: 'true' }], /reserved/],
    ['a port that is not an identifier', [{ port: 'is paid', when: 'true' }], /letters/],
    ['a condition with a syntax error', [{ port: 'x', when: 'a = ' }], /position \d+/],
  ])('rejects %s', (_label, badRules, message) => {
    const result = branchNode.config.safeParse({ rules: badRules });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('; ')).toMatch(message);
  });

  it('points the duplicate-port issue at the offending rule', () => {
    const result = branchNode.config.safeParse({ rules: [rules[1], rules[1]] });
    expect(result.error?.issues[0]?.path).toEqual(['rules', 1, 'port']);
  });
});

describe('branch executor', () => {
  it('routes the unchanged input to the first rule that matches', async () => {
    const order = { financial_status: 'paid', refunds: [{ id: 1 }] };
    const result = await route(order);
    expect(result.port).toBe('refunded');
    expect(result.output).toBe(order);
  });

  it('falls through to later rules, then to "default"', async () => {
    expect((await route({ financial_status: 'paid', refunds: [] })).port).toBe('paid');
    expect((await route({ financial_status: 'pending', refunds: [] })).port).toBe('default');
  });

  it('routes everything to "default" when there are no rules', async () => {
    expect((await route({ any: 1 }, {})).port).toBe('default');
  });

  it.each([
    ['an empty string', '""', false],
    ['zero', '0', false],
    ['an empty array', '[]', false],
    ['an empty object', '{}', false],
    ['null', 'null', false],
    ['no match', 'missing.field', false],
    ['a non-empty string', '"no"', true],
    ['an array with a truthy member', '[0, 1]', true],
    ['a non-empty object', '{"a": 0}', true],
  ])('treats %s as JSONata does ($boolean)', async (_label, when, expected) => {
    const result = await route({}, { rules: [{ port: 'yes', when }] });
    expect(result.port).toBe(expected ? 'yes' : 'default');
  });

  it('evaluates conditions with the run bindings', async () => {
    const ctx = createTestContext(
      branchNode,
      { rules: [{ port: 'big', when: '$trigger.amount > $number($env.LIMIT)' }] },
      { input: {}, trigger: { amount: 5000 }, env: { LIMIT: '1000' } },
    );
    expect((await branchExecutor.execute(ctx)) as { port: string }).toMatchObject({ port: 'big' });
  });

  it('tolerates a condition ending in a comment', async () => {
    const result = await route({ ok: true }, { rules: [{ port: 'ok', when: 'ok /* flag */' }] });
    expect(result.port).toBe('ok');
  });
});

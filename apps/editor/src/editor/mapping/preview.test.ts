import { describe, expect, it } from 'vitest';
import { previewExpression, typeMismatch } from './preview';

const scope = {
  input: { body: { id: '1001', total_cents: 2500 } },
  trigger: { body: { id: '1001' } },
  nodes: { shape: { order: '1001' } },
};

describe('previewExpression', () => {
  it('evaluates with the engine bindings', async () => {
    expect(await previewExpression('{ "o": body.id, "c": body.total_cents / 100 }', scope)).toEqual(
      {
        ok: true,
        value: { o: '1001', c: 25 },
      },
    );
    expect(await previewExpression('$node("shape").order & "-" & $trigger.body.id', scope)).toEqual(
      {
        ok: true,
        value: '1001-1001',
      },
    );
  });

  it('points at the position of a syntax error', async () => {
    const result = await previewExpression('{ "a": body.id, }', scope);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.position).toBeGreaterThan(10);
      expect(result.message).not.toMatch(/in expression/);
    }
  });

  it('reports evaluation errors too', async () => {
    const result = await previewExpression('$number("x")', scope);
    expect(result.ok).toBe(false);
  });
});

describe('typeMismatch', () => {
  it('flags values that do not fit the target type', () => {
    expect(typeMismatch('12.50', 'number')).toMatch(/expects number.*string/);
    expect(typeMismatch(12, 'number')).toBeNull();
    expect(typeMismatch(undefined, 'string')).toMatch(/nothing/);
    expect(typeMismatch({}, undefined)).toBeNull();
  });
});

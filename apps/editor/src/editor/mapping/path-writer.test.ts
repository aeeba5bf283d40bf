import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { fieldStep, writePath, type PathSegment } from './path-writer';

const key = (k: string): PathSegment => ({ key: k });
const each: PathSegment = { each: true };

async function read(expression: string, data: unknown, bindings: Record<string, unknown> = {}) {
  return jsonata(expression).evaluate(data, bindings);
}

describe('fieldStep', () => {
  it.each([
    ['id', 'id'],
    ['total_price', 'total_price'],
    ['first name', '`first name`'],
    ['x-request-id', '`x-request-id`'],
    ['3ds', '`3ds`'],
    ['and', '`and`'],
    ['null', '`null`'],
    ['$type', '`$type`'],
    ['we`ird', '$lookup($, "we`ird")'],
  ])('%s -> %s', (name, step) => {
    expect(fieldStep(name)).toBe(step);
  });
});

describe('writePath', () => {
  const order = {
    id: 1001,
    'customer info': { 'first name': 'Ada', 'e-mail': 'ada@example.com' },
    line_items: [
      { sku: 'A', 'unit price': 5, tags: [{ name: 'x' }, { name: 'y' }] },
      { sku: 'B', 'unit price': 7, tags: [{ name: 'z' }] },
    ],
    single: [{ sku: 'only' }],
    'we`ird': { ok: true },
  };

  it('writes relative paths with quoted odd keys, and they read the right value', async () => {
    const p = writePath({ kind: 'input' }, [key('customer info'), key('e-mail')], 'string');
    expect(p.expression).toBe('`customer info`.`e-mail`');
    expect(await read(p.expression, order)).toBe('ada@example.com');
    const weird = writePath({ kind: 'input' }, [key('we`ird'), key('ok')]);
    expect(await read(weird.expression, order)).toBe(true);
  });

  it('maps over nested arrays and keeps a one-item array an array', async () => {
    const nested = writePath(
      { kind: 'input' },
      [key('line_items'), each, key('tags'), each, key('name')],
      'array',
    );
    expect(nested.expression).toBe('[line_items.tags.name]');
    expect(nested.perItem).toBe(true);
    expect(await read(nested.expression, order)).toEqual(['x', 'y', 'z']);
    const one = writePath({ kind: 'input' }, [key('single'), each, key('sku')], 'any');
    expect(await read(one.expression, order)).toEqual(['only']);
  });

  it('reads one item by index', async () => {
    const p = writePath(
      { kind: 'input' },
      [key('line_items'), { index: 1 }, key('unit price')],
      'number',
    );
    expect(p.expression).toBe('line_items[1].`unit price`');
    expect(await read(p.expression, order)).toBe(7);
  });

  it('marks a per-item path aimed at a single value', () => {
    const p = writePath({ kind: 'input' }, [key('line_items'), each, key('sku')], 'string');
    expect(p.expression).toBe('line_items.sku');
    expect(p.perItem).toBe(true);
  });

  it('reaches the trigger and nodes further upstream by name', async () => {
    const t = writePath({ kind: 'trigger' }, [key('body'), key('id')]);
    expect(t.expression).toBe('$trigger.body.id');
    const n = writePath({ kind: 'node', nodeId: 'shape-2' }, [key('order')]);
    expect(n.expression).toBe('$node("shape-2").order');
    const bindings = {
      trigger: { body: { id: 5 } },
      node: (id: string) => (id === 'shape-2' ? { order: 'o' } : undefined),
    };
    expect(await read(t.expression, {}, bindings)).toBe(5);
    expect(await read(n.expression, {}, bindings)).toBe('o');
    expect(writePath({ kind: 'input' }, []).expression).toBe('$');
  });
});

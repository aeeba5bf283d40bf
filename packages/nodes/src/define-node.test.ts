import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, implementNode, type NodeDeclaration } from './define-node';

const base = {
  type: 'test.echo',
  version: 1,
  kind: 'action',
  title: 'Echo',
  description: 'Echoes.',
  category: 'core',
  icon: 'repeat',
  docs: 'Echoes its input.',
  config: z.object({ note: z.string().default('') }),
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: false,
} satisfies NodeDeclaration<'test.echo', z.ZodObject<{ note: z.ZodDefault<z.ZodString> }>>;

describe('defineNode', () => {
  it('returns a frozen definition whose ports cannot be changed by a consumer', () => {
    const definition = defineNode(base);
    expect(Object.isFrozen(definition)).toBe(true);
    const ports = definition.ports as unknown as { outputs: string[] };
    expect(Object.isFrozen(ports.outputs)).toBe(true);
    expect(() => ports.outputs.push('extra')).toThrow(TypeError);
  });

  it('keeps the declaration so the engine and the editor read the same values', () => {
    const definition = defineNode({ ...base, rawExpressionFields: ['note'] });
    expect(definition).toMatchObject({
      type: 'test.echo',
      version: 1,
      kind: 'action',
      category: 'core',
      effects: false,
      rawExpressionFields: ['note'],
    });
    expect(definition.config.parse({})).toEqual({ note: '' });
  });

  it.each([
    ['a non-namespaced type with capitals', { type: 'Test.Echo' }, /type must be/],
    ['version 0', { version: 0 }, /version must be/],
    ['an empty icon', { icon: ' ' }, /icon is required/],
    ['a trigger with an input port', { kind: 'trigger' }, /a trigger has no input ports/],
    ['no output port', { ports: { inputs: ['in'], outputs: [] } }, /at least one output/],
  ] as const)('rejects %s at definition time', (_label, override, message) => {
    expect(() => defineNode({ ...base, ...override } as typeof base)).toThrow(message);
  });

  it('rejects a raw expression field that is not in the config', () => {
    const declaration = { ...base, rawExpressionFields: ['missing'] } as unknown as typeof base;
    expect(() => defineNode(declaration)).toThrow(/raw expression field "missing"/);
  });

  it('requires config-dependent ports to be drawable for a freshly dropped node', () => {
    expect(() =>
      defineNode({
        ...base,
        config: z.object({ outputs: z.array(z.string()) }),
        ports: (config) => ({ inputs: ['in'], outputs: config.outputs }),
      }),
    ).toThrow(/accepts \{\}/);

    const dynamic = defineNode({
      ...base,
      config: z.object({ outputs: z.array(z.string()).default(['a']) }),
      ports: (config) => ({ inputs: ['in'], outputs: config.outputs }),
    });
    expect(typeof dynamic.ports === 'function' && dynamic.ports({ outputs: ['x', 'y'] })).toEqual({
      inputs: ['in'],
      outputs: ['x', 'y'],
    });
  });
});

describe('implementNode', () => {
  it('pairs the definition with an executor that receives the typed config', async () => {
    const definition = defineNode(base);
    const executor = implementNode(definition, async (ctx) => ({ output: ctx.config.note }));
    expect(executor.spec).toBe(definition);
    const ctx = { config: { note: 'hi' } } as Parameters<typeof executor.execute>[0];
    await expect(executor.execute(ctx)).resolves.toEqual({ output: 'hi' });
  });
});

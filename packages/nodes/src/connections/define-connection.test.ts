import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnection, isSecretField } from './define-connection';

describe('defineConnection', () => {
  it('finds secret fields however the metadata and the wrappers are ordered', () => {
    const definition = defineConnection({
      type: 'test.mixed',
      title: 'Mixed',
      description: 'every placement of the secret mark',
      fields: z.object({
        plain: z.string(),
        direct: z.string().meta({ secret: true }),
        innerOptional: z.string().meta({ secret: true }).optional(),
        outerOptional: z.string().optional().meta({ secret: true }),
        innerDefault: z.string().meta({ secret: true }).default(''),
        outerDefault: z.string().default('').meta({ secret: true }),
        deep: z.string().meta({ secret: true }).nullable().optional().default(null),
        notSecret: z.string().meta({ secret: false }).optional(),
      }),
    });
    expect(definition.secretFields).toEqual([
      'direct',
      'innerOptional',
      'outerOptional',
      'innerDefault',
      'outerDefault',
      'deep',
    ]);
    expect(Object.isFrozen(definition)).toBe(true);
    expect(Object.isFrozen(definition.secretFields)).toBe(true);
  });

  it('marks nothing secret without metadata, and has no derived secrets by default', () => {
    expect(isSecretField(z.string().optional())).toBe(false);
    const definition = defineConnection({
      type: 'test.plain',
      title: 'Plain',
      description: 'no secrets',
      fields: z.object({ host: z.string() }),
    });
    expect(definition.secretFields).toEqual([]);
    expect(definition.secretForms({ host: 'x' })).toEqual([]);
  });

  it('refuses type names that are not lower-case and dot-separated', () => {
    const declare = (type: string) =>
      defineConnection({ type, title: 't', description: 'd', fields: z.object({}) });
    expect(() => declare('Bad Type')).toThrow(/lower-case/);
    expect(() => declare('webhook.standard-webhooks')).not.toThrow();
  });
});

import type { FieldSchema } from '../inspector/schema/json-schema';

/** JSON Schema as zod writes it, with the parts an example is built from. */
export type ExampleSchema = FieldSchema & { examples?: unknown[]; $ref?: string };

const MAX_DEPTH = 8;

function placeholder(schema: ExampleSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'email') return 'ada@example.com';
      return schema.minLength && schema.minLength > 4 ? 'x'.repeat(schema.minLength) : 'text';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' && schema.minimum > 0 ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/**
 * A value of the shape a node declares, for the mapping editor before any run: the schema's own
 * example where the node author gave one (`.meta({ examples })`), else its default, else a
 * value of the declared type. Nullable fields show their non-null shape, so their fields can be
 * dragged; fields of a free-form record are unknown and left out.
 */
export function schemaExample(schema: ExampleSchema | undefined, depth = 0): unknown {
  if (!schema || depth > MAX_DEPTH) return undefined;
  if (schema.examples && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const chosen = variants.find((v) => v.type !== 'null') ?? variants[0];
    return schemaExample(chosen as ExampleSchema, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const value = schemaExample(child as ExampleSchema, depth + 1);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  if (type === 'array') {
    const item = schemaExample(schema.items as ExampleSchema | undefined, depth + 1);
    return item === undefined ? [] : [item];
  }
  return placeholder(schema);
}

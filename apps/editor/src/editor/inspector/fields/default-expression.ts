import type { FieldSchema } from '../schema/json-schema';

/**
 * The JSONata a field falls back to when the user left it unset (the node's declared default),
 * or undefined. Shown as the field's text so that a default mapping is never a hidden behaviour.
 */
export function defaultExpression(schema: FieldSchema | undefined): string | undefined {
  return typeof schema?.default === 'string' && schema.default.trim() !== ''
    ? schema.default
    : undefined;
}

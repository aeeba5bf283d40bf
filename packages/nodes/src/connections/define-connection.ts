/**
 * Declaring a connection type (a kind of credentials) once, like a node type: the same frozen
 * object validates values on save, tells which fields are secret (sealed at rest, write-only in
 * the API and the editor), and drives the connection form.
 *
 * @module
 */
import type { z } from 'zod';

export interface ConnectionDeclaration<Type extends string, Fields extends z.ZodObject> {
  /** Stable identifier, e.g. `paytrace`, `webhook.bearer`. */
  type: Type;
  title: string;
  description: string;
  /**
   * Field schema; secret fields carry `.meta({ secret: true })`, before or after
   * `.optional()` / `.default()` (both are found).
   */
  fields: Fields;
  docs?: string;
  /**
   * Strings derived from the secret values that a service may echo back and that must be scrubbed
   * from run history like the secrets themselves, e.g. the base64 token of HTTP Basic auth.
   */
  secretForms?: (values: z.output<Fields>) => string[];
}

export interface ConnectionDefinition<
  Type extends string = string,
  Fields extends z.ZodObject = z.ZodObject,
> {
  readonly type: Type;
  readonly title: string;
  readonly description: string;
  readonly fields: Fields;
  /** Names of the fields whose values are secret, read from the schema's metadata. */
  readonly secretFields: readonly string[];
  readonly docs: string;
  /** Derived secret strings to scrub besides the secret values; none when not declared. */
  readonly secretForms: (values: z.output<Fields>) => string[];
}

export type AnyConnectionDefinition = ConnectionDefinition<string, z.ZodObject>;
export type ConnectionValues<D extends AnyConnectionDefinition> = z.output<D['fields']>;

/** Wrappers that keep the wrapped field's meaning; metadata may sit on either side of them. */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch']);

/**
 * Whether a field is marked secret. zod 4 keeps metadata on the schema instance it was set on,
 * so `z.string().meta({ secret: true }).optional()` carries it on the inner schema only: walk
 * through the wrappers until a mark is found.
 */
export function isSecretField(schema: z.ZodType): boolean {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current.meta()?.secret === true) return true;
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    current = WRAPPERS.has(def.type) ? def.innerType : undefined;
  }
  return false;
}

/** Freezes a connection type and derives its secret fields from `.meta({ secret: true })`. */
export function defineConnection<const Type extends string, Fields extends z.ZodObject>(
  decl: ConnectionDeclaration<Type, Fields>,
): ConnectionDefinition<Type, Fields> {
  if (!/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)*$/.test(decl.type)) {
    throw new Error(`connection type "${decl.type}" must be lower-case, dot-separated`);
  }
  const secretFields = Object.entries(decl.fields.shape)
    .filter(([, schema]) => isSecretField(schema as z.ZodType))
    .map(([name]) => name);
  return Object.freeze({
    type: decl.type,
    title: decl.title,
    description: decl.description,
    fields: decl.fields,
    secretFields: Object.freeze(secretFields),
    docs: decl.docs ?? '',
    secretForms: decl.secretForms ?? (() => []),
  });
}

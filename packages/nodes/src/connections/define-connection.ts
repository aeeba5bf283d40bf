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
  /** Field schema; secret fields carry `.meta({ secret: true })`. */
  fields: Fields;
  docs?: string;
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
}

export type AnyConnectionDefinition = ConnectionDefinition<string, z.ZodObject>;
export type ConnectionValues<D extends AnyConnectionDefinition> = z.output<D['fields']>;

/** Freezes a connection type and derives its secret fields from `.meta({ secret: true })`. */
export function defineConnection<const Type extends string, Fields extends z.ZodObject>(
  decl: ConnectionDeclaration<Type, Fields>,
): ConnectionDefinition<Type, Fields> {
  if (!/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)*$/.test(decl.type)) {
    throw new Error(`connection type "${decl.type}" must be lower-case, dot-separated`);
  }
  const secretFields = Object.entries(decl.fields.shape)
    .filter(([, schema]) => (schema as z.ZodType).meta()?.secret === true)
    .map(([name]) => name);
  return Object.freeze({
    type: decl.type,
    title: decl.title,
    description: decl.description,
    fields: decl.fields,
    secretFields: Object.freeze(secretFields),
    docs: decl.docs ?? '',
  });
}

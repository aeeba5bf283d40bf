import type { AnyConnectionDefinition } from '@paybridge/nodes/definitions';

/** How a secret field reads in every API answer: whether a value is stored, never the value. */
export interface SecretFieldState {
  set: boolean;
}

/** One problem with submitted values, at a path such as `values.headerName`. */
export interface ValueIssue {
  path: string;
  message: string;
}

export type ValuesResult =
  { ok: true; values: Record<string, unknown> } | { ok: false; issues: ValueIssue[] };

/** `{ "set": true }`: a secret field sent back as read, meaning "keep the stored value". */
export function isKeepMarker(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>).set === true &&
    Object.keys(value).length === 1
  );
}

/**
 * The full values of a connection after a change, before validation:
 *
 * - a field left out keeps its stored value (secret or not), and so does a secret field sent back
 *   as `{ "set": true }`, the way answers show it, so a form can round-trip what it read;
 * - `null` clears a field;
 * - `""` for a secret field stores the empty string when the field's schema accepts it, and
 *   otherwise clears the field (which the schema may then refuse, if the field is required).
 *
 * On create, `stored` is empty.
 */
export function mergeValues(
  definition: AnyConnectionDefinition,
  stored: Readonly<Record<string, unknown>>,
  changes: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  // A Map, then fromEntries: a "__proto__" key stays an (unknown, refused) field instead of
  // becoming the object's prototype.
  const merged = new Map<string, unknown>(Object.entries(stored));
  const shape = definition.fields.shape as Record<string, AnyConnectionDefinition['fields']>;
  for (const [field, value] of Object.entries(changes)) {
    const secret = definition.secretFields.includes(field);
    if (value === undefined || (secret && isKeepMarker(value))) continue;
    if (value === null) {
      merged.delete(field);
    } else if (secret && value === '' && shape[field]?.safeParse('').success !== true) {
      merged.delete(field);
    } else {
      merged.set(field, value);
    }
  }
  return Object.fromEntries(merged);
}

/**
 * Checks values against the type's schema (unknown fields are refused, a typo must not pass for
 * a setting). Issue messages come from the schema and never quote the submitted values.
 */
export function validateValues(
  definition: AnyConnectionDefinition,
  values: Readonly<Record<string, unknown>>,
): ValuesResult {
  const known = new Set(Object.keys(definition.fields.shape));
  const unknown = Object.keys(values).filter((field) => !known.has(field));
  if (unknown.length > 0) {
    return {
      ok: false,
      issues: unknown.map((field) => ({ path: `values.${field}`, message: 'unknown field' })),
    };
  }
  const parsed = definition.fields.safeParse(values);
  if (parsed.success) return { ok: true, values: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: ['values', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  };
}

/** Splits valid values into what is stored as is and what is sealed. */
export function splitValues(
  definition: AnyConnectionDefinition,
  values: Readonly<Record<string, unknown>>,
): { plain: Record<string, unknown>; secret: Record<string, unknown> } {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (definition.secretFields.includes(field)) secret[field] = value;
    else plain[field] = value;
  }
  return { plain, secret };
}

/**
 * Values as the API shows them: plain fields as stored, every secret field of the type as
 * `{ "set": true | false }`. A connection of a type no longer shipped shows its stored secret
 * fields as set.
 */
export function presentValues(
  definition: AnyConnectionDefinition | undefined,
  plain: Readonly<Record<string, unknown>>,
  sealedFields: readonly string[],
): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...plain };
  const secretFields = new Set([...(definition?.secretFields ?? []), ...sealedFields]);
  for (const field of secretFields) {
    shown[field] = { set: sealedFields.includes(field) } satisfies SecretFieldState;
  }
  return shown;
}

/** Every string inside a secret value (they are usually strings, but a schema may nest them). */
export function secretStrings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (typeof value === 'number' || typeof value === 'bigint') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(secretStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).flatMap(secretStrings);
  }
  return [];
}

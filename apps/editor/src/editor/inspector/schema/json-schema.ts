import { readableFieldName } from '@paybridge/nodes/definitions';

/** The parts of JSON Schema (as zod writes it) the form generator reads. */
export interface FieldSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  placeholder?: string;
  widget?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties?: FieldSchema | boolean;
  items?: FieldSchema;
  oneOf?: FieldSchema[];
  anyOf?: FieldSchema[];
  secret?: boolean;
}

/** Which control draws a field. */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'duration'
  | 'select'
  | 'switch'
  | 'jsonata'
  | 'json'
  | 'key-value'
  | 'cron'
  | 'timezone'
  | 'date-time'
  | 'connection'
  | 'union'
  | 'object'
  | 'object-list'
  | 'string-list'
  | 'enum-list';

function typeOf(schema: FieldSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/**
 * Picks the control for a field: the `widget` the node author named wins, otherwise the JSON
 * Schema type decides, so a node type added later gets a sensible form without editor changes.
 */
export function fieldKind(schema: FieldSchema, name: string): FieldKind {
  switch (schema.widget) {
    case 'text':
      return 'text';
    case 'textarea':
      return 'textarea';
    case 'number':
      return 'number';
    case 'duration-ms':
      return 'duration';
    case 'select':
      return 'select';
    case 'switch':
      return 'switch';
    case 'jsonata':
      return 'jsonata';
    case 'json':
      return 'json';
    case 'key-value':
      return 'key-value';
    case 'cron':
      return 'cron';
    case 'timezone':
      return 'timezone';
    case 'date-time':
      return 'date-time';
    case 'connection':
      return 'connection';
    case 'rules':
      return 'object-list';
  }
  if (unionVariants(schema)) return 'union';
  if (name === 'connectionId') return 'connection';
  if (schema.enum) return 'select';
  const type = typeOf(schema);
  if (type === 'boolean') return 'switch';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'string') return schema.format === 'date-time' ? 'date-time' : 'text';
  if (type === 'array') {
    const items = schema.items ?? {};
    if (items.enum) return 'enum-list';
    return typeOf(items) === 'object' ? 'object-list' : 'string-list';
  }
  if (type === 'object') {
    if (schema.properties && Object.keys(schema.properties).length > 0) return 'object';
    return 'key-value';
  }
  return 'json';
}

/** One choice of a discriminated union: its tag value and the schema of the rest. */
export interface UnionVariant {
  tag: string;
  schema: FieldSchema;
}

/**
 * Variants of a discriminated union (`oneOf` objects each fixing `type` with `const`), or null
 * when the schema is not one. The discriminator is the first property every variant fixes.
 */
export function unionVariants(
  schema: FieldSchema,
): { key: string; variants: UnionVariant[] } | null {
  const options = schema.oneOf ?? schema.anyOf;
  if (!options || options.length === 0) return null;
  const first = options[0]?.properties ?? {};
  const key = Object.keys(first).find((k) =>
    options.every((o) => o.properties?.[k]?.const !== undefined),
  );
  if (!key) return null;
  return {
    key,
    variants: options.map((o) => ({ tag: String(o.properties?.[key]?.const), schema: o })),
  };
}

/** The label of a field: its title, else its name made readable. */
export function fieldTitle(schema: FieldSchema, name: string): string {
  return schema.title || readableFieldName(name);
}

/** A readable duration for a millisecond count (`90000` → `1 min 30 s`). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  const parts: string[] = [];
  let rest = Math.floor(ms / 1000);
  const units: [number, string][] = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  for (const [size, unit] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.slice(0, 2).join(' ');
}

/**
 * Reads the runtime's OpenAPI document for answers whose shape is not declared: a successful
 * response without a JSON schema, a schema that accepts anything (`{}`, `z.unknown()`), an open
 * object (`z.record(z.string(), z.unknown())`), or a list of such values anywhere in it. The
 * editor's typed client infers its types from the same zod schemas, so each of these is a place
 * where the editor would see `unknown` and be tempted to cast.
 *
 * @module
 */

/** A JSON Schema node as `@hono/zod-openapi` writes it (OpenAPI 3.1). */
export interface SchemaNode {
  description?: string;
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  prefixItems?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  not?: SchemaNode;
}

interface Response {
  content?: Record<string, { schema?: SchemaNode }>;
}

/** The parts of the OpenAPI document this walk reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, Response> }>>;
  components?: { schemas?: Record<string, SchemaNode> };
}

const SHAPE_KEYS = [
  '$ref',
  'type',
  'properties',
  'items',
  'prefixItems',
  'anyOf',
  'oneOf',
  'allOf',
  'enum',
  'const',
  'not',
] as const;

function resolve(doc: OpenApiDocument, node: SchemaNode): SchemaNode {
  const seen = new Set<string>();
  let current = node;
  while (current.$ref && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    const name = current.$ref.replace('#/components/schemas/', '');
    current = doc.components?.schemas?.[name] ?? {};
  }
  return current;
}

const isNull = (n: SchemaNode) => n.type === 'null';

/** True when the schema says nothing about the value: any JSON (or any JSON or null) passes. */
function isFree(doc: OpenApiDocument, raw: SchemaNode): boolean {
  const node = resolve(doc, raw);
  if (!SHAPE_KEYS.some((k) => node[k] !== undefined)) return true;
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return branches.filter((b) => !isNull(b)).every((b) => isFree(doc, b));
  return false;
}

/** True for an object that declares no property and lets any value in under any key. */
function isOpenObject(doc: OpenApiDocument, raw: SchemaNode): boolean {
  const node = resolve(doc, raw);
  if (node.type !== 'object' || Object.keys(node.properties ?? {}).length > 0) return false;
  const extra = node.additionalProperties;
  return extra === undefined || extra === true || (typeof extra === 'object' && isFree(doc, extra));
}

const untyped = (doc: OpenApiDocument, n: SchemaNode) => isFree(doc, n) || isOpenObject(doc, n);

/** Paths (`entries[].lines`) of lists inside `raw` whose items are not declared. */
function untypedLists(
  doc: OpenApiDocument,
  raw: SchemaNode,
  at: string,
  seen: Set<SchemaNode>,
): string[] {
  const node = resolve(doc, raw);
  if (seen.has(node)) return [];
  seen.add(node);
  const found: string[] = [];
  if (node.items) {
    if (untyped(doc, node.items)) found.push(`${at}[]`);
    else found.push(...untypedLists(doc, node.items, `${at}[]`, seen));
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    found.push(...untypedLists(doc, child, at ? `${at}.${key}` : key, seen));
  }
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) {
    found.push(...untypedLists(doc, branch, at, seen));
  }
  if (typeof node.additionalProperties === 'object') {
    found.push(...untypedLists(doc, node.additionalProperties, `${at}{}`, seen));
  }
  return found;
}

/**
 * Every successful answer (`GET /runs/{id} 200`, with `: path` inside the body where a list's
 * items are untyped) that does not declare its shape. 204 and other empty answers are fine.
 */
export function untypedResponses(doc: OpenApiDocument): string[] {
  const found: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const where = `${method.toUpperCase()} ${path} ${status}`;
        const content = Object.entries(response.content ?? {});
        if (content.length === 0) {
          found.push(`${where}: no content declared`);
          continue;
        }
        for (const [mediaType, { schema }] of content) {
          if (!mediaType.includes('json')) continue;
          if (!schema || untyped(doc, schema)) {
            found.push(where);
            continue;
          }
          for (const list of untypedLists(doc, schema, '', new Set())) {
            found.push(`${where}: ${list}`);
          }
        }
      }
    }
  }
  return found;
}

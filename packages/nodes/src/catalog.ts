import { z } from 'zod';
import type { NodeKind } from '@paybridge/engine';
import { NODE_CATEGORIES, type AnyNodeDefinition } from './define-node';

/** A JSON Schema document as produced by `z.toJSONSchema`. */
export const JsonSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof JsonSchema>;

/** Static handles, or handles that depend on config (drawn from the defaults until configured). */
export const CatalogPorts = z.union([
  z.object({ inputs: z.array(z.string()), outputs: z.array(z.string()) }),
  z.object({
    dynamic: z.literal(true),
    inputs: z.array(z.string()),
    defaultOutputs: z.array(z.string()),
  }),
]);
export type CatalogPorts = z.infer<typeof CatalogPorts>;

const NodeKind = z.enum(['trigger', 'action'] satisfies NodeKind[]);

/**
 * One node type as the editor and the `/node-types` API see it: plain JSON, no zod, no functions.
 * The runtime declares this schema as the route's response, so the editor's typed client reads
 * exactly this type.
 */
export const NodeCatalogEntry = z.object({
  type: z.string(),
  version: z.number().int(),
  kind: NodeKind,
  title: z.string(),
  description: z.string(),
  category: z.enum(NODE_CATEGORIES),
  icon: z.string(),
  effects: z.boolean(),
  docs: z.string(),
  ports: CatalogPorts,
  configSchema: JsonSchema,
  /** The connection the node uses: accepted types and the config field holding its id. */
  connection: z
    .object({ types: z.array(z.string()), field: z.string(), optional: z.boolean() })
    .optional(),
  inputSchema: JsonSchema.optional(),
  outputSchema: JsonSchema.optional(),
  /** The document a JSONata config field must produce (ERP nodes), for the mapping editor. */
  mappingTarget: z.object({ field: z.string(), schema: JsonSchema }).optional(),
});
export type NodeCatalogEntry = z.infer<typeof NodeCatalogEntry>;

/**
 * `io: 'input'` describes what a user may type (defaulted fields are optional); anything JSON
 * Schema cannot express (refinements) is left to the zod check on save.
 */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function catalogPorts(definition: AnyNodeDefinition): CatalogPorts {
  const { ports } = definition;
  if (typeof ports !== 'function')
    return { inputs: [...ports.inputs], outputs: [...ports.outputs] };
  // defineNode guarantees that config-dependent ports accept an empty config.
  const initial = ports(definition.config.parse({}));
  return { dynamic: true, inputs: [...initial.inputs], defaultOutputs: [...initial.outputs] };
}

/** Converts one definition to its catalogue entry. */
export function catalogEntry(definition: AnyNodeDefinition): NodeCatalogEntry {
  return {
    type: definition.type,
    version: definition.version,
    kind: definition.kind,
    title: definition.title,
    description: definition.description,
    category: definition.category,
    icon: definition.icon,
    effects: definition.effects,
    docs: definition.docs,
    ports: catalogPorts(definition),
    configSchema: jsonSchemaOf(definition.config),
    ...(definition.connection
      ? {
          connection: {
            types:
              typeof definition.connection.type === 'string'
                ? [definition.connection.type]
                : [...definition.connection.type],
            field: definition.connection.field,
            optional: definition.connection.optional ?? false,
          },
        }
      : {}),
    ...(definition.input ? { inputSchema: jsonSchemaOf(definition.input) } : {}),
    ...(definition.output ? { outputSchema: jsonSchemaOf(definition.output) } : {}),
    ...(definition.mappingTarget
      ? {
          mappingTarget: {
            field: definition.mappingTarget.field,
            schema: jsonSchemaOf(definition.mappingTarget.schema),
          },
        }
      : {}),
  };
}

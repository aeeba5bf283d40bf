import { z } from 'zod';
import type { NodeKind } from '@paybridge/engine';
import type { AnyNodeDefinition, NodeCategory } from './define-node';

/** A JSON Schema document as produced by `z.toJSONSchema`. */
export type JsonSchema = Record<string, unknown>;

/** Static handles, or handles that depend on config (drawn from the defaults until configured). */
export type CatalogPorts =
  | { readonly inputs: readonly string[]; readonly outputs: readonly string[] }
  | {
      readonly dynamic: true;
      readonly inputs: readonly string[];
      readonly defaultOutputs: readonly string[];
    };

/**
 * One node type as the editor and the `/node-types` API see it: plain JSON, no zod, no functions.
 */
export interface NodeCatalogEntry {
  type: string;
  version: number;
  kind: NodeKind;
  title: string;
  description: string;
  category: NodeCategory;
  icon: string;
  effects: boolean;
  docs: string;
  ports: CatalogPorts;
  configSchema: JsonSchema;
  /** The connection the node uses: accepted types and the config field holding its id. */
  connection?: { types: string[]; field: string; optional: boolean };
  inputSchema?: JsonSchema;
  outputSchema?: JsonSchema;
}

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
  };
}

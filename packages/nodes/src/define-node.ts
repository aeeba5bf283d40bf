/**
 * Declaring a node type once: the same frozen object validates configs on save, drives the
 * editor's palette and forms, and types the executor.
 *
 * @module
 */
import type { z } from 'zod';
import type {
  ExecuteContext,
  NodeExecutor,
  NodeConnectionSpec,
  NodeIteration,
  NodeKind,
  NodePorts,
  NodeResult,
  NodeSpec,
  RetryPolicyOverride,
} from '@paybridge/engine';

/**
 * Form widgets the editor knows how to draw. A field without a widget gets the default control
 * for its JSON Schema type, so only fields that need something special name one.
 */
export type FieldWidget =
  | 'text'
  | 'textarea'
  | 'number'
  | 'select'
  | 'switch'
  | 'jsonata'
  | 'json'
  | 'key-value'
  | 'cron'
  | 'timezone'
  | 'date-time'
  | 'duration-ms'
  | 'rules'
  | 'connection';

declare module 'zod' {
  /** Field metadata read by the editor's form renderer (it ends up in the JSON Schema). */
  interface GlobalMeta {
    widget?: FieldWidget;
    placeholder?: string;
    /** Masked in forms and stored step inputs. */
    secret?: boolean;
  }
}

/** Palette groups, in palette order. Connectors add their group here when they ship. */
export const NODE_CATEGORIES = [
  'trigger',
  'core',
  'paytrace',
  'shopify',
  'erp',
  'fraud',
  'reconciliation',
] as const;
/** A palette group; also namespaces connector node types. */
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/**
 * A node type as the whole product sees it: the engine's {@link NodeSpec} plus what the editor
 * needs to present it. `Type` keeps the literal type name so registries can be exhaustive.
 */
export interface NodeDefinition<
  Config = unknown,
  Type extends string = string,
> extends NodeSpec<Config> {
  readonly type: Type;
  /** One sentence shown under the title in the palette. */
  readonly description: string;
  readonly category: NodeCategory;
  /** Short icon name (lucide-style, e.g. `globe`); the editor maps it to a glyph. */
  readonly icon: string;
  /** Shape of the data arriving on the input edge, for mapping hints. Absent: anything. */
  readonly input?: z.ZodType;
  /** Shape of the data the node emits, for mapping hints and output checks in tests. */
  readonly output?: z.ZodType;
  /** Markdown help shown in the inspector. */
  readonly docs: string;
  /** The document a config field's JSONata must produce (ERP nodes): the mapping editor's targets. */
  readonly mappingTarget?: MappingTarget;
}

/** Which config field holds a mapping and the shape of the document it must produce. */
export interface MappingTarget {
  readonly field: string;
  readonly schema: z.ZodType;
}

/**
 * Any definition, whatever its config. `any` is deliberate: `NodeSpec<Config>` is contravariant in
 * `Config` (through `ports`), so no other type admits every concrete definition.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<any, string>;

/** What `defineNode` takes. The config must be a zod object so the editor can draw a form. */
export interface NodeDeclaration<Type extends string, Schema extends z.ZodObject> {
  readonly type: Type;
  readonly version: number;
  readonly kind: NodeKind;
  readonly title: string;
  readonly description: string;
  readonly category: NodeCategory;
  readonly icon: string;
  readonly docs: string;
  readonly config: Schema;
  readonly input?: z.ZodType;
  readonly output?: z.ZodType;
  readonly ports: NodePorts | ((config: z.output<Schema>) => NodePorts);
  readonly effects: boolean;
  /** Config fields holding JSONata the executor evaluates itself; typed against the config. */
  readonly rawExpressionFields?: readonly (keyof z.output<Schema> & string)[];
  readonly retry?: RetryPolicyOverride;
  /** The connection the node uses: accepted type(s) and the config field holding its id. */
  readonly connection?: NodeConnectionSpec & { readonly field: keyof z.output<Schema> & string };
  /** Fan-out (`for-each`): the port leading into the per-item body and the one after it. */
  readonly iterate?: NodeIteration;
  /** Its output is the run's answer to a synchronous trigger's caller (`respond`). */
  readonly answersCaller?: boolean;
  /**
   * The document a JSONata config field must produce (ERP nodes): the mapping editor shows its
   * fields as targets, so the default mapping is never the only description of what is needed.
   */
  readonly mappingTarget?: {
    readonly field: keyof z.output<Schema> & string;
    readonly schema: z.ZodType;
  };
}

const TYPE_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

function fail(type: string, message: string): never {
  throw new Error(`defineNode(${JSON.stringify(type)}): ${message}`);
}

function freezePorts(ports: NodePorts): NodePorts {
  return Object.freeze({
    inputs: Object.freeze([...ports.inputs]),
    outputs: Object.freeze([...ports.outputs]),
  });
}

/**
 * Declares a node type. Mistakes that would otherwise surface only on a canvas (a trigger with an
 * input port, a raw-expression field that does not exist, dynamic ports that cannot be drawn for
 * a freshly dropped node) throw here, at module load.
 *
 * @example
 * export const mapNode = defineNode({
 *   type: 'map', version: 1, kind: 'action', title: 'Map', category: 'core', icon: 'shuffle',
 *   description: 'Reshape data with JSONata.', docs: '...', effects: false,
 *   config: z.object({ expression: z.string().meta({ title: 'Expression', widget: 'jsonata' }) }),
 *   ports: { inputs: ['in'], outputs: ['out'] }, rawExpressionFields: ['expression'],
 * });
 */
export function defineNode<const Type extends string, Schema extends z.ZodObject>(
  declaration: NodeDeclaration<Type, Schema>,
): NodeDefinition<z.output<Schema>, Type> {
  const { type, version, kind, ports, rawExpressionFields } = declaration;
  if (!TYPE_NAME.test(type)) fail(type, 'type must be lowercase dot-separated words');
  if (!Number.isInteger(version) || version < 1) fail(type, 'version must be a positive integer');
  if (declaration.icon.trim() === '') fail(type, 'icon is required');

  const shape = declaration.config.shape as Record<string, unknown>;
  for (const field of rawExpressionFields ?? []) {
    if (!(field in shape)) fail(type, `raw expression field "${field}" is not in the config`);
  }
  if (declaration.mappingTarget && !(declaration.mappingTarget.field in shape)) {
    fail(type, `mapping target field "${declaration.mappingTarget.field}" is not in the config`);
  }
  if (declaration.connection && !(declaration.connection.field in shape)) {
    fail(type, `connection field "${declaration.connection.field}" is not in the config`);
  }

  // A freshly dropped node has an empty config; its handles must still be drawable.
  let sample: NodePorts;
  if (typeof ports === 'function') {
    const empty = declaration.config.safeParse({});
    if (!empty.success) fail(type, 'config-dependent ports need a config that accepts {}');
    sample = ports(empty.data);
  } else {
    sample = ports;
  }
  if (kind === 'trigger' && sample.inputs.length > 0) fail(type, 'a trigger has no input ports');
  if (sample.outputs.length === 0) fail(type, 'at least one output port is required');

  const definition: NodeDefinition<z.output<Schema>, Type> = {
    ...declaration,
    // A schema's output type is `z.output<Schema>` by definition; TS cannot see it generically.
    config: declaration.config as unknown as z.ZodType<z.output<Schema>>,
    ports: typeof ports === 'function' ? ports : freezePorts(ports),
    ...(rawExpressionFields
      ? { rawExpressionFields: Object.freeze([...rawExpressionFields]) }
      : {}),
  };
  return Object.freeze(definition);
}

/**
 * Pairs a definition with its server-side implementation. `ctx.config` is typed from the
 * definition's schema; the engine has already resolved expressions and parsed it.
 */
export function implementNode<Config, Type extends string>(
  definition: NodeDefinition<Config, Type>,
  execute: (ctx: ExecuteContext<Config>) => Promise<NodeResult>,
): NodeExecutor<Config> {
  return Object.freeze({ spec: definition, execute });
}

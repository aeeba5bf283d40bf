/**
 * The manifest of a shipped template (`templates/<id>/template.json`): what the flow needs from
 * whoever installs it (connections by type, parameters) and where each answer goes in the graph
 * (bindings). The graph itself is an ordinary flow graph, validated like every saved flow.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';

/** Template ids appear in URLs: lower-case words joined by "-". */
export const TemplateId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lower-case words joined by "-"')
  .max(64);

/**
 * What a connection slot takes: a connection of that type. `erp` is the built-in ledger (no
 * connection) or a QuickBooks Online connection; `smtp` a mail server; `webhook` the Standard
 * Webhooks secret a signed trigger checks.
 */
export const SlotType = z.enum(['paytrace', 'shopify', 'erp', 'smtp', 'webhook']);
export type SlotType = z.infer<typeof SlotType>;

/** The connection types a slot of each kind accepts. */
export const SLOT_CONNECTION_TYPES: Record<SlotType, readonly string[]> = {
  paytrace: ['paytrace'],
  shopify: ['shopify'],
  erp: ['quickbooks'],
  smtp: ['smtp'],
  webhook: ['webhook.standard'],
};

const Name = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase, starting with a lower-case letter')
  .max(64);

export const ConnectionSlot = z.object({
  slot: Name,
  type: SlotType,
  label: z.string().min(1).max(200),
  help: z.string().max(2000).default(''),
  /**
   * The installer may leave it empty; every binding of the slot then must say
   * `omitNodeWhenEmpty`, and those nodes are left out of the installed flow.
   */
  optional: z.boolean().default(false),
});
export type ConnectionSlot = z.infer<typeof ConnectionSlot>;

export const ParameterType = z.enum(['string', 'integer', 'boolean', 'string-list']);
export type ParameterType = z.infer<typeof ParameterType>;

const ParameterValue = z.union([z.string(), z.number().int(), z.boolean(), z.array(z.string())]);

export const TemplateParameter = z.object({
  name: Name,
  type: ParameterType,
  label: z.string().min(1).max(200),
  default: ParameterValue,
  help: z.string().min(1).max(2000),
  /** Whether an empty string or list is refused. */
  required: z.boolean().default(false),
  /** The only values allowed (a choice), for string parameters. */
  options: z.array(z.string()).min(1).max(50).optional(),
});
export type TemplateParameter = z.infer<typeof TemplateParameter>;

/** A place in one node's config, e.g. `["connectionId"]` or `["tags", 0]`. */
const ConfigPath = z.array(z.union([z.string().min(1), z.number().int().min(0)])).min(1);

/**
 * When the value is empty (an optional slot left unbound, an empty text or list), the node is
 * left out of the installed flow: what led into it leads to what follows its `out` port.
 */
const OmitNodeWhenEmpty = z.boolean().optional();

/** One node config field that takes a connection slot's id or a parameter's value. */
export const Binding = z.union([
  z
    .object({
      node: z.string().min(1),
      path: ConfigPath,
      connection: Name,
      omitNodeWhenEmpty: OmitNodeWhenEmpty,
    })
    .strict(),
  z
    .object({
      node: z.string().min(1),
      path: ConfigPath,
      parameter: Name,
      omitNodeWhenEmpty: OmitNodeWhenEmpty,
    })
    .strict(),
]);
export type Binding = z.infer<typeof Binding>;

const Edge = z
  .object({
    from: z.object({ node: z.string().min(1), port: z.string().min(1) }).strict(),
    to: z.object({ node: z.string().min(1), port: z.string().min(1) }).strict(),
  })
  .strict();

/**
 * A part of the flow switched on by a boolean parameter: nodes taken from another shipped
 * template (with their edges among themselves, their bindings and the parameters those bindings
 * name), so one chain of nodes is declared once and serves both templates. When the parameter is
 * true, the `replaces` nodes of this template are left out (with their edges) and `edges` join
 * the included nodes to the rest; when false, nothing of the option is installed.
 */
export const TemplateOption = z
  .object({
    parameter: Name,
    /** The template whose nodes are included. */
    template: TemplateId,
    nodes: z.array(z.string().min(1)).min(1).max(100),
    replaces: z.array(z.string().min(1)).max(100).default([]),
    edges: z.array(Edge).max(100).default([]),
    /** Moves the included nodes on the canvas, to lay them out beside this template's nodes. */
    shift: z.object({ x: z.number(), y: z.number() }).strict().default({ x: 0, y: 0 }),
  })
  .strict();
export type TemplateOption = z.infer<typeof TemplateOption>;

export const TemplateManifest = z
  .object({
    id: TemplateId,
    title: z.string().min(1).max(200),
    description: z.string().min(1).max(5000),
    connections: z.array(ConnectionSlot).max(20),
    parameters: z.array(TemplateParameter).max(50).default([]),
    bindings: z.array(Binding).max(200),
    options: z.array(TemplateOption).max(10).default([]),
  })
  .strict();
export type TemplateManifest = z.infer<typeof TemplateManifest>;

/** A template file: the manifest plus the flow graph it installs. */
export const TemplateFile = TemplateManifest.extend({ graph: z.unknown() }).strict();

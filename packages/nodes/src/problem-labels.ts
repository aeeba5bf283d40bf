import { z } from 'zod';
import type { GraphIssue } from '@paybridge/engine';

/**
 * One problem of a flow as people read it: the node by its label, the field by its title
 * (`"Charge card" › Amount: required`), never `nodes.1.config.amount`. The raw `path` and
 * `code` stay for programs (the editor marks the field with them).
 */
export const FlowProblem = z.object({
  /** The whole sentence: `"Charge card" › Amount: required`. */
  text: z.string(),
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  /** The node the problem is about, when there is one. */
  nodeId: z.string().optional(),
  /** That node's label on the canvas: its name, else its type's title. */
  node: z.string().optional(),
  /** The config field by its form title(s), nested ones joined with ` › `. */
  field: z.string().optional(),
});
export type FlowProblem = z.infer<typeof FlowProblem>;

/** The parts of a node the labels need. */
export interface LabelledNode {
  id: string;
  type: string;
  typeVersion: number;
  name?: string | undefined;
}

/** What a node type contributes to labels: its title and its config's JSON Schema. */
export interface LabelledType {
  title: string;
  configSchema: Record<string, unknown>;
}

type Schema = Record<string, unknown>;

/** The label of a field without a title: its name made readable (`customerId` → `Customer id`). */
export function readableFieldName(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** zod's "expected string, received undefined" means the field is simply missing. */
export function readableIssueMessage(message: string): string {
  return /expected [\w ]+, received undefined/.test(message) ? 'required' : message;
}

/** The label a node shows on the canvas: the name the author gave it, else its type's title. */
export function nodeLabel(node: LabelledNode, type: LabelledType | undefined): string {
  return node.name?.trim() || type?.title || node.id;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let target: unknown = root;
  for (const key of ref.slice(2).split('/')) target = isSchema(target) ? target[key] : undefined;
  return isSchema(target) ? target : schema;
}

/** The schema of `key` inside `schema`, looking through unions (the first variant that has it). */
function childSchema(schema: Schema, key: string | number, root: Schema): Schema | undefined {
  const here = resolveRef(schema, root);
  if (typeof key === 'number') {
    if (isSchema(here.items)) return resolveRef(here.items, root);
  } else if (isSchema(here.properties) && isSchema(here.properties[key])) {
    return resolveRef(here.properties[key], root);
  } else if (isSchema(here.additionalProperties)) {
    return resolveRef(here.additionalProperties, root);
  }
  for (const list of [here.anyOf, here.oneOf, here.allOf]) {
    if (!Array.isArray(list)) continue;
    for (const variant of list) {
      if (!isSchema(variant)) continue;
      const found = childSchema(variant, key, root);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The titles of the fields along a config path, as the inspector's form labels them
 * (`['source', 'customerId']` → `Source › Customer id`; list items as `#2`).
 */
export function fieldTitles(configSchema: Schema | undefined, path: readonly (string | number)[]) {
  const titles: string[] = [];
  let schema: Schema | undefined = configSchema;
  for (const key of path) {
    schema = schema && configSchema ? childSchema(schema, key, configSchema) : undefined;
    if (typeof key === 'number') titles.push(`#${key + 1}`);
    else titles.push(typeof schema?.title === 'string' ? schema.title : readableFieldName(key));
  }
  return titles.join(' › ');
}

/**
 * Turns the engine's graph issues (paths into the saved JSON) into problems people can act on:
 * the node named by its label, the config field by its title. `typeOf` gives a node type's title
 * and config schema (the runtime from its definitions, the editor from the catalogue), so both
 * say exactly the same words.
 */
export function labelIssues(
  issues: readonly GraphIssue[],
  nodes: readonly LabelledNode[],
  typeOf: (type: string, version: number) => LabelledType | undefined,
): FlowProblem[] {
  return issues.map((issue) => {
    const index = issue.path[0] === 'nodes' ? issue.path[1] : undefined;
    const node =
      (issue.nodeId === undefined ? undefined : nodes.find((n) => n.id === issue.nodeId)) ??
      (typeof index === 'number' ? nodes[index] : undefined);
    const message = readableIssueMessage(issue.message);
    const base = { code: issue.code, message, path: issue.path };
    if (!node) return { ...base, text: message };
    const type = typeOf(node.type, node.typeVersion);
    const label = nodeLabel(node, type);
    const configPath =
      issue.path[0] === 'nodes' && issue.path[2] === 'config' ? issue.path.slice(3) : [];
    const field = configPath.length > 0 ? fieldTitles(type?.configSchema, configPath) : undefined;
    return {
      ...base,
      nodeId: node.id,
      node: label,
      ...(field ? { field } : {}),
      text: field ? `"${label}" › ${field}: ${message}` : `"${label}": ${message}`,
    };
  });
}

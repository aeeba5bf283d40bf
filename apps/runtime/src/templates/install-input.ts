/**
 * Checks what an installer chose for a template (a connection per slot, parameter values) and
 * writes it into a copy of the template's graph. Every refusal names the slot or parameter.
 *
 * @module
 */
import type { FlowGraph } from '@paybridge/engine';
import { ApiError } from '../http/api-error';
import type { ConnectionView } from '../connections/connection-store';
import { SLOT_CONNECTION_TYPES, type TemplateManifest, type TemplateParameter } from './manifest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A slot's choice: a connection id, or null for the built-in ledger (ERP slots) or none (optional
 * slots).
 */
export type SlotChoice = Record<string, string | null>;
type ParameterValue = string | number | boolean | string[];

/** Reads a connection by id; undefined when there is none. */
export type FindConnection = (id: string) => Promise<ConnectionView | undefined>;

/**
 * Resolves every slot to a connection of the right type (422 naming the slot otherwise). An ERP
 * slot left out, null or empty is the built-in ledger.
 */
export async function checkConnections(
  manifest: TemplateManifest,
  given: Record<string, string | null>,
  find: FindConnection,
): Promise<SlotChoice> {
  const slots = new Map(manifest.connections.map((s) => [s.slot, s]));
  for (const name of Object.keys(given)) {
    if (!slots.has(name)) {
      throw new ApiError(
        422,
        'TEMPLATE_CONNECTION_INVALID',
        `Template ${manifest.id} has no connection slot "${name}"; its slots are ${[...slots.keys()].join(', ')}`,
        { slot: name },
      );
    }
  }
  const choice: SlotChoice = {};
  for (const slot of manifest.connections) {
    const id = given[slot.slot];
    const accepted = SLOT_CONNECTION_TYPES[slot.type];
    const refuse = (message: string) =>
      new ApiError(
        422,
        'TEMPLATE_CONNECTION_INVALID',
        `Connection "${slot.slot}" (${slot.label}): ${message}`,
        {
          slot: slot.slot,
        },
      );
    if (id === undefined || id === null || id === '') {
      if (slot.type !== 'erp' && !slot.optional)
        throw refuse(`choose a ${accepted.join(' or ')} connection`);
      choice[slot.slot] = null;
      continue;
    }
    const connection = UUID.test(id) ? await find(id) : undefined;
    if (!connection) throw refuse(`no connection with id ${id}`);
    if (!accepted.includes(connection.type)) {
      throw refuse(
        `"${connection.name}" is a ${connection.type} connection; this slot takes ${accepted.join(' or ')}${slot.type === 'erp' ? ' (or none, for the built-in ledger)' : ''}`,
      );
    }
    choice[slot.slot] = connection.id;
  }
  return choice;
}

function checkParameter(p: TemplateParameter, value: unknown): ParameterValue {
  const refuse = (message: string) =>
    new ApiError(
      422,
      'TEMPLATE_PARAMETER_INVALID',
      `Parameter "${p.name}" (${p.label}): ${message}`,
      {
        parameter: p.name,
      },
    );
  switch (p.type) {
    case 'string':
      if (typeof value !== 'string') throw refuse('must be text');
      if (p.required && value.trim() === '') throw refuse('must not be empty');
      if (p.options && !p.options.includes(value))
        throw refuse(`must be one of ${p.options.join(', ')}`);
      return value.trim();
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw refuse('must be a whole number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw refuse('must be true or false');
      return value;
    case 'string-list': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        throw refuse('must be a list of texts');
      const list = value.map((v) => v.trim()).filter((v) => v !== '');
      if (p.required && list.length === 0) throw refuse('must not be empty');
      return list;
    }
  }
}

/** Every parameter's value: the given one checked against its type, else the default. */
export function checkParameters(
  manifest: TemplateManifest,
  given: Record<string, unknown>,
): Record<string, ParameterValue> {
  const known = new Set(manifest.parameters.map((p) => p.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      throw new ApiError(
        422,
        'TEMPLATE_PARAMETER_INVALID',
        `Template ${manifest.id} has no parameter "${name}"`,
        { parameter: name },
      );
    }
  }
  return Object.fromEntries(
    manifest.parameters.map((p) => [p.name, checkParameter(p, given[p.name] ?? p.default)]),
  );
}

type Container = Record<string | number, unknown>;

function setAt(target: Container, path: (string | number)[], value: unknown) {
  let at = target;
  for (const [i, key] of path.slice(0, -1).entries()) {
    at[key] ??= typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Container;
  }
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(at)) delete at[last];
  else at[last] = value;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * The graph without `omitted` nodes: each edge into one of them is bridged to every node its
 * `out` port led to, so a chain `a -> email -> b` becomes `a -> b`; its other ports' edges go.
 */
function withoutNodes(graph: FlowGraph, omitted: Set<string>): FlowGraph {
  let edges = graph.edges;
  for (const id of omitted) {
    const into = edges.filter((e) => e.to.node === id);
    const onward = edges.filter((e) => e.from.node === id && e.from.port === 'out');
    const bridged = into.flatMap((i) => onward.map((o) => ({ from: i.from, to: o.to })));
    edges = [...edges.filter((e) => e.to.node !== id && e.from.node !== id), ...bridged];
  }
  const key = (e: FlowGraph['edges'][number]) =>
    `${e.from.node}:${e.from.port}>${e.to.node}:${e.to.port}`;
  const unique = new Map(edges.map((e) => [key(e), e]));
  return { nodes: graph.nodes.filter((n) => !omitted.has(n.id)), edges: [...unique.values()] };
}

/**
 * The template's graph with every binding filled in: connection ids (a built-in ledger slot
 * removes the field) and parameter values. A node whose `omitNodeWhenEmpty` binding got nothing
 * is left out (see {@link withoutNodes}): an optional email needs no mail server to install.
 */
export function applyBindings(
  manifest: TemplateManifest,
  graph: FlowGraph,
  connections: SlotChoice,
  parameters: Record<string, ParameterValue>,
): FlowGraph {
  const copy = structuredClone(graph);
  const omitted = new Set<string>();
  for (const binding of manifest.bindings) {
    const node = copy.nodes.find((n) => n.id === binding.node)!;
    const value =
      'connection' in binding
        ? (connections[binding.connection] ?? undefined)
        : parameters[binding.parameter];
    if (binding.omitNodeWhenEmpty && isEmpty(value)) omitted.add(binding.node);
    setAt(node.config, binding.path, value);
  }
  return omitted.size === 0 ? copy : withoutNodes(copy, omitted);
}

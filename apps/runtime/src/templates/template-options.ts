/**
 * Template options: a boolean parameter that switches in a chain of nodes declared by another
 * shipped template (order-to-cash's fraud screening is the fraud-screening template's chain), so
 * each node is declared once and both templates install the same wiring.
 *
 * @module
 */
import { FlowGraph } from '@paybridge/engine';
import {
  TemplateFile,
  type Binding,
  type TemplateManifest,
  type TemplateOption,
  type TemplateParameter,
} from './manifest';

type Node = FlowGraph['nodes'][number];
type Edge = FlowGraph['edges'][number];

/** An option with what it takes from its source template, ready to install. */
export interface ResolvedOption {
  parameter: string;
  /** The included nodes, shifted on the canvas. */
  nodes: Node[];
  /** The included nodes' edges among themselves, then the option's own joining edges. */
  edges: Edge[];
  /** The source template's bindings of the included nodes. */
  bindings: Binding[];
  replaces: string[];
}

/** Another template's file as read from disk (parsed, not yet checked), or undefined. */
export type ReadTemplateSource = (id: string) => unknown;

/** What resolving a template's options gives: the options, parameters to add, and problems. */
export interface OptionsResolution {
  options: ResolvedOption[];
  /** Parameters the included bindings name that this template does not declare itself. */
  importedParameters: TemplateParameter[];
  problems: string[];
}

function resolveOne(
  manifest: TemplateManifest,
  graph: FlowGraph,
  option: TemplateOption,
  where: string,
  read: ReadTemplateSource,
  imported: Map<string, TemplateParameter>,
): { option?: ResolvedOption; problems: string[] } {
  const problems: string[] = [];
  const own = manifest.parameters.find((p) => p.name === option.parameter);
  if (own?.type !== 'boolean')
    problems.push(`${where}: parameter "${option.parameter}" must be a boolean of this template`);
  if (option.template === manifest.id) problems.push(`${where}: a template cannot include itself`);
  const file = TemplateFile.safeParse(read(option.template));
  const sourceGraph = file.success ? FlowGraph.safeParse(file.data.graph) : undefined;
  if (!file.success || !sourceGraph?.success) {
    problems.push(`${where}: no valid template "${option.template}" to include nodes from`);
    return { problems };
  }
  const source = file.data;
  const hostIds = new Set(graph.nodes.map((n) => n.id));
  const included = new Set(option.nodes);
  const nodes: Node[] = [];
  for (const id of option.nodes) {
    const node = sourceGraph.data.nodes.find((n) => n.id === id);
    if (!node) problems.push(`${where}: template "${option.template}" has no node "${id}"`);
    else if (hostIds.has(id))
      problems.push(`${where}: included node "${id}" is already a node here`);
    else {
      const { x, y } = node.position ?? { x: 0, y: 0 };
      nodes.push({
        ...structuredClone(node),
        position: { x: x + option.shift.x, y: y + option.shift.y },
      });
    }
  }
  for (const id of option.replaces) {
    if (!hostIds.has(id)) problems.push(`${where}: replaces "${id}", which is no node here`);
  }
  const kept = new Set([...hostIds].filter((id) => !option.replaces.includes(id)));
  for (const [i, e] of option.edges.entries()) {
    for (const end of [e.from.node, e.to.node]) {
      if (!kept.has(end) && !included.has(end))
        problems.push(`${where}.edges.${i}: no node "${end}" with the option on`);
    }
  }
  const inner = sourceGraph.data.edges.filter(
    (e) => included.has(e.from.node) && included.has(e.to.node),
  );
  const bindings = source.bindings.filter((b) => included.has(b.node));
  for (const b of bindings) {
    if ('connection' in b) {
      const theirs = source.connections.find((s) => s.slot === b.connection);
      const ours = manifest.connections.find((s) => s.slot === b.connection);
      if (!ours || ours.type !== theirs?.type || ours.optional !== theirs.optional)
        problems.push(
          `${where}: included node "${b.node}" needs a${theirs?.optional ? 'n optional' : ''} ${theirs?.type ?? ''} connection slot "${b.connection}"`,
        );
    } else {
      const theirs = source.parameters.find((p) => p.name === b.parameter);
      const ours = manifest.parameters.find((p) => p.name === b.parameter);
      if (!theirs) continue;
      if (ours && ours.type !== theirs.type)
        problems.push(
          `${where}: parameter "${b.parameter}" is a ${ours.type} here but a ${theirs.type} in "${option.template}"`,
        );
      if (!ours) imported.set(theirs.name, theirs);
    }
  }
  return {
    option: {
      parameter: option.parameter,
      nodes,
      edges: [...inner, ...option.edges],
      bindings,
      replaces: option.replaces,
    },
    problems,
  };
}

/**
 * Resolves each option of `manifest` against the template it includes nodes from, read through
 * `read`; every problem names the option. Included parameters keep their declaration in the
 * source template (one home), and are shown and checked here as this template's own.
 */
export function resolveOptions(
  manifest: TemplateManifest,
  graph: FlowGraph,
  read: ReadTemplateSource,
): OptionsResolution {
  const imported = new Map<string, TemplateParameter>();
  const options: ResolvedOption[] = [];
  const problems: string[] = [];
  for (const [i, option] of manifest.options.entries()) {
    const one = resolveOne(manifest, graph, option, `options.${i}`, read, imported);
    problems.push(...one.problems);
    if (one.option) options.push(one.option);
  }
  return { options, importedParameters: [...imported.values()], problems };
}

/**
 * The graph and bindings to install for the chosen parameters: each option whose parameter is
 * true brings its nodes, edges and bindings and leaves out the nodes it replaces (with their
 * edges and bindings).
 */
export function withOptions(
  manifest: TemplateManifest,
  graph: FlowGraph,
  options: readonly ResolvedOption[],
  parameters: Record<string, unknown>,
): { manifest: TemplateManifest; graph: FlowGraph } {
  let { nodes, edges } = graph;
  let bindings = manifest.bindings;
  for (const option of options) {
    if (parameters[option.parameter] !== true) continue;
    const out = new Set(option.replaces);
    nodes = [...nodes.filter((n) => !out.has(n.id)), ...option.nodes];
    edges = [...edges.filter((e) => !out.has(e.from.node) && !out.has(e.to.node)), ...option.edges];
    bindings = [...bindings.filter((b) => !out.has(b.node)), ...option.bindings];
  }
  return { manifest: { ...manifest, bindings }, graph: { ...graph, nodes, edges } };
}

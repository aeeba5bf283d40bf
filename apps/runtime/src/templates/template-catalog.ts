/**
 * Reads the shipped templates from `templates/<id>/template.json` and checks each one: the
 * manifest against its schema, the graph with the validation every saved flow goes through,
 * and every binding against the manifest and the graph, so a broken template fails `npm test`
 * and the runtime start, never an install.
 *
 * @module
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { FlowGraph, validateGraph } from '@paybridge/engine';
import { applyBindings } from './install-input';
import { lookupSpec } from '@paybridge/nodes/definitions';
import { TemplateFile, type TemplateManifest } from './manifest';
import { RUNTIME_DIR } from '../runtime-dir';
import {
  resolveOptions,
  withOptions,
  type ReadTemplateSource,
  type ResolvedOption,
} from './template-options';

/** Where the shipped templates live (the repository's `templates/`). */
export const TEMPLATES_DIR = join(RUNTIME_DIR, '..', '..', 'templates');

/**
 * A checked template: its manifest (with the parameters its options include), its graph
 * (bindings not applied, options off), its options, and the file as shipped.
 */
export interface Template {
  manifest: TemplateManifest;
  graph: FlowGraph;
  options: ResolvedOption[];
  /** The parsed file, for `GET /api/templates/{id}`. */
  source: unknown;
}

/** A template file that is not a valid template; the message names the file and the problem. */
export class TemplateError extends Error {}

/** Reads `<dir>/<id>/template.json` as parsed JSON, or undefined. */
function readTemplateFile(dir: string, id: string): unknown {
  const file = join(dir, id, 'template.json');
  if (!/^[a-z0-9-]+$/.test(id) || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Checks one parsed template file. `where` names it in messages; `read` gives the files of the
 * templates its options include nodes from (the shipped ones by default). Throws
 * {@link TemplateError} with every problem found.
 */
export function checkTemplate(
  source: unknown,
  where: string,
  read: ReadTemplateSource = (id) => readTemplateFile(TEMPLATES_DIR, id),
): Template {
  const parsed = TemplateFile.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new TemplateError(`${where}: invalid manifest: ${issues.join('; ')}`);
  }
  const { graph: rawGraph, ...own } = parsed.data;
  const shape = FlowGraph.safeParse(rawGraph);
  if (!shape.success) {
    const issues = shape.error.issues.map((i) => `${i.path.join('.') || 'graph'}: ${i.message}`);
    throw new TemplateError(`${where}: invalid graph: ${issues.join('; ')}`);
  }
  const resolved = resolveOptions(own, shape.data, read);
  if (resolved.problems.length > 0)
    throw new TemplateError(`${where}: ${resolved.problems.join('; ')}`);
  const manifest = { ...own, parameters: [...own.parameters, ...resolved.importedParameters] };
  const problems = bindingProblems(manifest, shape.data, resolved.options);
  if (problems.length > 0) throw new TemplateError(`${where}: ${problems.join('; ')}`);
  // Validated as installed: a stand-in id in every connection slot (none for the ERP: the
  // built-in ledger) and every parameter at its default; then again with every optional slot
  // left empty (its nodes left out); each with its options off and on.
  const defaults = Object.fromEntries(manifest.parameters.map((p) => [p.name, p.default]));
  const optionsOn = resolved.options.length > 0 ? [false, true] : [false];
  for (const on of optionsOn) {
    const chosen = on
      ? { ...defaults, ...Object.fromEntries(resolved.options.map((o) => [o.parameter, true])) }
      : { ...defaults, ...Object.fromEntries(resolved.options.map((o) => [o.parameter, false])) };
    const installed = withOptions(manifest, shape.data, resolved.options, chosen);
    for (const leaveOptional of [false, true]) {
      const stand = Object.fromEntries(
        manifest.connections.map((s) => [
          s.slot,
          s.type === 'erp' || (leaveOptional && s.optional) ? null : STAND_IN_CONNECTION_ID,
        ]),
      );
      const graph = applyBindings(installed.manifest, installed.graph, stand, chosen);
      const result = validateGraph(graph, lookupSpec);
      if (!result.ok) {
        const issues = result.errors.map((i) => `${i.path.join('.') || 'graph'}: ${i.message}`);
        const which = [
          leaveOptional ? 'optional connections left empty' : '',
          on ? 'options on' : '',
        ].filter(Boolean);
        const note = which.length > 0 ? ` (${which.join(', ')})` : '';
        throw new TemplateError(`${where}: invalid graph${note}: ${issues.join('; ')}`);
      }
    }
  }
  return { manifest, graph: shape.data, options: resolved.options, source };
}

const STAND_IN_CONNECTION_ID = '00000000-0000-4000-8000-000000000000';

function bindingProblems(
  manifest: TemplateManifest,
  graph: FlowGraph,
  options: readonly ResolvedOption[],
): string[] {
  const problems: string[] = [];
  const everyBinding = [...manifest.bindings, ...options.flatMap((o) => o.bindings)];
  const slots = new Set(manifest.connections.map((s) => s.slot));
  const parameters = new Set(manifest.parameters.map((p) => p.name));
  const nodes = new Set(graph.nodes.map((n) => n.id));
  if (slots.size !== manifest.connections.length) problems.push('connection slots repeat a name');
  if (parameters.size !== manifest.parameters.length) problems.push('parameters repeat a name');
  for (const [i, binding] of manifest.bindings.entries()) {
    if (!nodes.has(binding.node)) problems.push(`bindings.${i}: no node "${binding.node}"`);
    if ('connection' in binding && !slots.has(binding.connection))
      problems.push(`bindings.${i}: no connection slot "${binding.connection}"`);
    if ('parameter' in binding && !parameters.has(binding.parameter))
      problems.push(`bindings.${i}: no parameter "${binding.parameter}"`);
  }
  for (const slot of slots) {
    if (!manifest.bindings.some((b) => 'connection' in b && b.connection === slot))
      problems.push(`connection slot "${slot}" is bound to no node`);
  }
  for (const slot of manifest.connections.filter((s) => s.optional)) {
    for (const [i, b] of manifest.bindings.entries()) {
      if ('connection' in b && b.connection === slot.slot && !b.omitNodeWhenEmpty)
        problems.push(
          `bindings.${i}: optional slot "${slot.slot}" needs "omitNodeWhenEmpty": true (its node cannot run without it)`,
        );
    }
  }
  for (const name of parameters) {
    if (options.some((o) => o.parameter === name)) continue;
    if (!everyBinding.some((b) => 'parameter' in b && b.parameter === name))
      problems.push(`parameter "${name}" is bound to no node`);
  }
  return problems;
}

/**
 * Loads and checks every template under `dir`, sorted by id. A directory without
 * `template.json` is skipped; a file that fails its checks throws, naming it.
 */
export function loadTemplates(dir: string = TEMPLATES_DIR): Template[] {
  if (!existsSync(dir)) return [];
  const templates: Template[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(dir, entry.name, 'template.json');
    if (!existsSync(file)) continue;
    let source: unknown;
    try {
      source = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new TemplateError(`templates/${entry.name}/template.json: ${(err as Error).message}`);
    }
    const template = checkTemplate(source, `templates/${entry.name}/template.json`, (id) =>
      readTemplateFile(dir, id),
    );
    if (template.manifest.id !== entry.name)
      throw new TemplateError(
        `templates/${entry.name}/template.json: id "${template.manifest.id}" differs from its directory`,
      );
    templates.push(template);
  }
  return templates.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
}

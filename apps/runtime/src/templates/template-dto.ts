import type { z } from '@hono/zod-openapi';
import { lookupSpec } from '@paybridge/nodes/definitions';
import type { TemplateDetail, TemplateSummary } from './api-schemas';
import { SLOT_CONNECTION_TYPES } from './manifest';
import type { Template } from './template-catalog';

/** A template as the list shows it: what it does, what it needs, and a picture of its graph. */
export function templateSummary(template: Template): z.infer<typeof TemplateSummary> {
  const { manifest, graph } = template;
  return {
    id: manifest.id,
    title: manifest.title,
    description: manifest.description,
    connections: manifest.connections.map((slot) => ({
      slot: slot.slot,
      type: slot.type,
      label: slot.label,
      help: slot.help,
      connectionTypes: [...SLOT_CONNECTION_TYPES[slot.type]],
      builtInAllowed: slot.type === 'erp',
      optional: slot.optional,
    })),
    parameters: manifest.parameters.map((p) => ({
      name: p.name,
      type: p.type,
      label: p.label,
      default: p.default,
      help: p.help,
      required: p.required,
      options: p.options ?? null,
    })),
    outline: {
      nodes: graph.nodes.map((n) => ({
        id: n.id,
        type: n.type,
        label: n.name ?? lookupSpec(n.type, n.typeVersion)?.title ?? n.type,
        position: n.position,
      })),
      edges: graph.edges.map((e) => ({ from: e.from.node, fromPort: e.from.port, to: e.to.node })),
    },
  };
}

/** A template with its graph and manifest, for the install dialog and the editor's preview. */
export function templateDetail(template: Template): z.infer<typeof TemplateDetail> {
  const { graph: _graph, ...manifest } = template.source as Record<string, unknown>;
  return { ...templateSummary(template), graph: template.graph, manifest };
}

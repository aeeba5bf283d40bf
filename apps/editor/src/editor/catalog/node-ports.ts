import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { lookupDefinition } from '@paybridge/nodes/definitions';
import { parseNodeConfig, resolvePorts } from '@paybridge/engine';

/** Input and output port names of a placed node. */
export interface Ports {
  inputs: readonly string[];
  outputs: readonly string[];
}

const NONE: Ports = { inputs: [], outputs: [] };

/**
 * The handles to draw for a node. Static ports come from the catalogue; config-dependent ones
 * (a branch grows a port per rule) are computed with the node's own definition when the editor
 * bundles it, else from the catalogue's defaults. While a config does not parse (a rule being
 * typed), ports named in it are still drawn, so edges on them do not vanish mid-edit.
 */
export function portsOf(
  entry: NodeCatalogEntry | undefined,
  config: Record<string, unknown>,
): Ports {
  if (!entry) return NONE;
  const ports = entry.ports;
  if (!('dynamic' in ports)) return ports;
  const definition = lookupDefinition(entry.type, entry.version);
  if (definition) {
    const parsed = parseNodeConfig(definition, config);
    if (parsed.success) {
      const resolved = resolvePorts(definition, parsed.data);
      if (resolved) return resolved;
    }
  }
  const named = Array.isArray(config.rules)
    ? (config.rules as { port?: unknown }[])
        .map((r) => (typeof r?.port === 'string' && r.port ? r.port : null))
        .filter((p): p is string => p !== null)
    : [];
  return {
    inputs: ports.inputs,
    outputs: [...new Set([...named, ...ports.defaultOutputs])],
  };
}

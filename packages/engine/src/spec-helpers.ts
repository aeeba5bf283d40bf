import type { NodePorts, NodeSpec } from './node-spec';

/** One problem a config schema found, with the path inside config. */
export interface ConfigIssue {
  path: (string | number)[];
  code: string;
  message: string;
}

export type ConfigParseResult<Config> =
  { success: true; data: Config } | { success: false; issues: ConfigIssue[] };

/**
 * `spec.config.safeParse` that never throws: a schema's transform or preprocess may throw on
 * input it did not expect (an unresolved expression at save time), and that must read as an
 * invalid config, not crash validation or a worker.
 */
export function parseNodeConfig<Config>(
  spec: NodeSpec<Config>,
  config: unknown,
): ConfigParseResult<Config> {
  try {
    const result = spec.config.safeParse(config);
    if (result.success) return { success: true, data: result.data };
    return {
      success: false,
      issues: result.error.issues.map((issue) => ({
        path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
        code: issue.code,
        message: issue.message,
      })),
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { success: false, issues: [{ path: [], code: 'custom', message }] };
  }
}

/**
 * The node's ports for a parsed config. Ports may depend on config (a branch's outputs are its
 * rules); a port function that throws yields `undefined`, meaning "unknown", never a crash.
 */
export function resolvePorts<Config>(
  spec: NodeSpec<Config>,
  config: Config,
): NodePorts | undefined {
  if (typeof spec.ports !== 'function') return spec.ports;
  try {
    return spec.ports(config);
  } catch {
    return undefined;
  }
}

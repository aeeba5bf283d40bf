import type { NodeInstance } from './flow-graph';
import type { NodeSpec } from './node-spec';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What is wrong with a node's connection field, or `undefined` when nothing is (or the spec
 * declares no connection). The field must hold a literal connection id: an expression would make
 * the flow's credentials unknowable at save time, and they are resolved before the run starts.
 * Whether the connection exists is the runtime's check; the engine knows no store.
 */
export function checkConnectionField(
  node: NodeInstance,
  spec: NodeSpec<unknown>,
): string | undefined {
  const declared = spec.connection;
  if (!declared) return undefined;
  const value = node.config[declared.field];
  if (value === undefined || value === null || value === '') {
    return declared.optional ? undefined : 'Choose a connection';
  }
  if (typeof value !== 'string') return 'A connection id is a string';
  if (value.startsWith('=')) return 'A connection cannot be an expression: choose one';
  if (!UUID.test(value)) return 'Not a connection id (a UUID)';
  return undefined;
}

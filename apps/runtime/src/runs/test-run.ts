/**
 * Test runs: the editor's "Execute previous nodes" runs a flow up to a node to fetch real data
 * for the mapping editor. A test run must never move money by surprise, and what it does must
 * not stand in for a real run's effects. So, unless an operator confirmed live calls:
 *
 * - every **PayTrace** connection in a live environment (`production`, or `custom`, which may
 *   front production) is sent to the runtime's built-in PayTrace simulator with its demo
 *   credentials; with no simulator served here, the run is refused up front;
 * - **Shopify** and **QuickBooks** nodes that write (their definition declares effects) on a
 *   live connection are refused up front, naming the node: their simulators do not hold the
 *   real store's or company's records, and a write there would be a real change. Their reads go
 *   to the real service, which is the real data the mapping editor asks for;
 * - every effect record of the run is keyed apart (`test:<run id>/…`), so a later real run of
 *   the same order still charges once, and never finds a simulated charge in its place.
 *
 * With live calls confirmed the test run is a real run that stops early: its effects are keyed
 * like any run's, since they did happen.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';
import { stopAfterNodes, upstreamOf, type FlowGraph } from '@paybridge/engine';
import { lookupDefinition } from '@paybridge/nodes/definitions';
import { DEMO_CREDENTIALS } from '@paybridge/sandbox';
import { connectionRefs } from '../connections/connection-refs';
import type { ConnectionResolver } from '../connections/resolver';
import { ApiError } from '../http/api-error';

/** How a test run treats live connections: sent to the simulator, or called (confirmed). */
export const TestMode = z.enum(['simulator', 'live']);
export type TestMode = z.infer<typeof TestMode>;

/** Environments per connection type that reach the real service's production side. */
const LIVE_ENVIRONMENTS: Record<string, { readonly fallback: string; readonly live: string[] }> = {
  paytrace: { fallback: 'production', live: ['production', 'custom'] },
  shopify: { fallback: 'store', live: ['store', 'custom'] },
  quickbooks: { fallback: 'production', live: ['production'] },
};

/**
 * Whether a connection reaches a live service (real money, a real store or company books). A
 * `custom` base URL counts as live: nothing tells a proxy of production from a test double.
 */
export function isLiveConnection(type: string, values: Readonly<Record<string, unknown>>) {
  const rule = LIVE_ENVIRONMENTS[type];
  if (!rule) return false;
  const environment =
    typeof values['environment'] === 'string' ? values['environment'] : rule.fallback;
  return rule.live.includes(environment);
}

/** The connection facts the check needs (secrets are not read). */
export interface TestRunConnections {
  get(id: string): Promise<{ type: string; name: string; values: Record<string, unknown> }>;
}

const TITLES: Record<string, string> = {
  paytrace: 'PayTrace',
  shopify: 'Shopify',
  quickbooks: 'QuickBooks',
};

/**
 * Decides how a test run of `graph` (up to the node or nodes of `stopAfter`, else all of it) may run, before it is
 * queued: `live` when live calls are confirmed, else `simulator`. Refuses with 422
 * `LIVE_CALLS_UNCONFIRMED`, naming each node, when a live PayTrace connection has no simulator
 * to go to or a Shopify/QuickBooks node would write to a live connection.
 */
export async function planTestRun(opts: {
  graph: FlowGraph;
  stopAfter?: string | undefined;
  liveCalls?: 'confirmed' | undefined;
  connections: TestRunConnections;
  paytraceSimulator: boolean;
}): Promise<TestMode> {
  if (opts.liveCalls === 'confirmed') return 'live';
  const scope =
    opts.stopAfter === undefined
      ? null
      : upstreamOf(opts.graph.edges, stopAfterNodes(opts.stopAfter));
  const problems: { nodeId: string; message: string }[] = [];
  for (const ref of connectionRefs(opts.graph)) {
    if (scope && !scope.has(ref.nodeId)) continue;
    const connection = await opts.connections.get(ref.connectionId).catch(() => null);
    // A missing connection fails the node when it runs, with its own message.
    if (!connection || !isLiveConnection(connection.type, connection.values)) continue;
    const node = opts.graph.nodes.find((n) => n.id === ref.nodeId);
    const label = node?.name ? `"${node.name}" (${ref.nodeId})` : `"${ref.nodeId}"`;
    const service = `${TITLES[connection.type] ?? connection.type} connection "${connection.name}"`;
    if (connection.type === 'paytrace') {
      if (!opts.paytraceSimulator) {
        problems.push({
          nodeId: ref.nodeId,
          message: `node ${label} uses the live ${service} and this runtime serves no PayTrace simulator to send it to`,
        });
      }
      continue;
    }
    const writes = node ? (lookupDefinition(node.type, node.typeVersion)?.effects ?? false) : false;
    if (writes) {
      problems.push({
        nodeId: ref.nodeId,
        message: `node ${label} writes to the live ${service}`,
      });
    }
  }
  if (problems.length > 0) {
    throw new ApiError(
      422,
      'LIVE_CALLS_UNCONFIRMED',
      `A test run makes no live call unless it is confirmed: ${problems
        .map((p) => p.message)
        .join('; ')}. Confirm live calls, or run up to an earlier node`,
      { nodes: problems.map((p) => p.nodeId) },
    );
  }
  return 'simulator';
}

/**
 * The connections a `simulator` test run executes with: a live PayTrace connection becomes one
 * to the built-in simulator (demo credentials, its own settings kept). Everything else is as
 * stored. Where no simulator is served, the PayTrace node fails `PAYTRACE_SIMULATOR_UNAVAILABLE`
 * rather than calling the live host.
 */
export function simulatedConnections(resolver: ConnectionResolver): ConnectionResolver {
  return {
    async resolve(id) {
      const connection = await resolver.resolve(id);
      if (!connection || connection.type !== 'paytrace') return connection;
      if (!isLiveConnection(connection.type, connection.values)) return connection;
      const { baseUrl: _liveUrl, ...settings } = connection.values;
      return {
        ...connection,
        values: {
          ...settings,
          environment: 'simulator',
          username: DEMO_CREDENTIALS.username,
          password: DEMO_CREDENTIALS.password,
          integratorId: DEMO_CREDENTIALS.integratorId,
        },
      };
    },
  };
}

/** Where a test run's effect records live: apart from every real run's, per test run. */
export function testEffectNamespace(runId: string, mode: TestMode | null): string | undefined {
  return mode === 'simulator' ? `test:${runId}` : undefined;
}

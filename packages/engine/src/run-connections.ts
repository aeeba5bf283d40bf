import { PermanentError } from './errors';
import type { FlowGraph, NodeInstance } from './flow-graph';
import type { ExecutorLookup, NodeConnectionSpec } from './node-spec';
import type { SecretScrubber } from './scrub-secrets';

/** A connection as the runtime hands it to the engine: values decrypted, secrets listed. */
export interface RunConnection {
  type: string;
  values: Record<string, unknown>;
  /** Every secret string of the connection (and derived forms), to scrub from what is recorded. */
  secretValues: string[];
}

/** Finds and decrypts a connection by id; `null` when there is none (or it was deleted). */
export type ResolveConnection = (id: string) => Promise<RunConnection | null>;

/** What a node gets: the connection's type and values. */
export interface NodeConnection {
  type: string;
  values: Readonly<Record<string, unknown>>;
}

type Lookup = { ok: true; connection: RunConnection | null } | { ok: false; error: unknown };

/** Accepted types of a connection spec, as a list. */
export function connectionTypes(spec: NodeConnectionSpec): readonly string[] {
  return typeof spec.type === 'string' ? [spec.type] : spec.type;
}

/** The connection id a node's config names, if it names one (a non-empty string). */
export function connectionIdOf(node: NodeInstance, spec: NodeConnectionSpec): string | undefined {
  const id = node.config[spec.field];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * The connections of one execution of a run. All connections named anywhere in the graph are
 * resolved up front, before the first step is recorded, so that the scrubber knows every secret
 * before anything is written (an earlier step may already hold a value a later node will use).
 * A failed lookup is kept and thrown only by the node that needs it: an unreachable branch with a
 * deleted connection must not fail the run.
 */
export class RunConnections {
  private readonly lookups = new Map<string, Lookup>();

  constructor(
    private readonly resolve: ResolveConnection | undefined,
    private readonly scrubber: SecretScrubber,
  ) {}

  /** Resolves every connection the graph's nodes name and teaches the scrubber their secrets. */
  async prepare(graph: FlowGraph, lookupExecutor: ExecutorLookup): Promise<void> {
    const resolve = this.resolve;
    if (!resolve) return;
    const ids = new Set<string>();
    for (const node of graph.nodes) {
      const spec = lookupExecutor(node.type, node.typeVersion)?.spec.connection;
      const id = spec ? connectionIdOf(node, spec) : undefined;
      if (id !== undefined) ids.add(id);
    }
    await Promise.all(
      [...ids].map(async (id) => {
        try {
          const connection = await resolve(id);
          if (connection) this.scrubber.add(connection.secretValues);
          this.lookups.set(id, { ok: true, connection });
        } catch (error) {
          this.lookups.set(id, { ok: false, error });
        }
      }),
    );
  }

  /**
   * The connection a node is about to run with, or `undefined` when its spec declares none or an
   * optional one is not set. Throws `CONNECTION_INVALID` (permanent) when it is missing, deleted
   * or of the wrong type, and rethrows a failed lookup (a decryption error, the database).
   */
  forNode(node: NodeInstance, spec: NodeConnectionSpec | undefined): NodeConnection | undefined {
    if (!spec) return undefined;
    const id = connectionIdOf(node, spec);
    if (id === undefined) {
      if (spec.optional) return undefined;
      throw new PermanentError('CONNECTION_INVALID', `Node "${node.id}" needs a connection`, {
        details: { field: spec.field },
      });
    }
    if (!this.resolve) {
      throw new PermanentError(
        'CONNECTION_INVALID',
        `Connection ${id} cannot be used: this runtime resolves no connections`,
      );
    }
    const lookup = this.lookups.get(id);
    if (!lookup) {
      throw new PermanentError('CONNECTION_INVALID', `Connection ${id} was not resolved`);
    }
    if (!lookup.ok) throw lookup.error;
    const { connection } = lookup;
    if (!connection) {
      throw new PermanentError(
        'CONNECTION_INVALID',
        `Connection ${id} does not exist (it may have been deleted)`,
        { details: { connectionId: id } },
      );
    }
    const accepted = connectionTypes(spec);
    if (!accepted.includes(connection.type)) {
      throw new PermanentError(
        'CONNECTION_INVALID',
        `Connection ${id} is a ${connection.type} connection; node "${node.id}" needs ${accepted.join(' or ')}`,
        { details: { connectionId: id, type: connection.type, accepted } },
      );
    }
    return { type: connection.type, values: Object.freeze({ ...connection.values }) };
  }
}

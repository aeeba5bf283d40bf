/**
 * Which ERP an ERP node posts to: QuickBooks Online when the node names a `quickbooks`
 * connection, else the built-in ledger the runtime provides. Server-only.
 *
 * @module
 */
import { PermanentError, type ExecuteContext } from '@paybridge/engine';
import type { ErpAdapter } from '../../adapter';
import { DEFAULT_LEDGER_TIME_ZONE } from '../../booking-dates';
import { createQuickbooksAdapter } from '../../quickbooks/adapter';
import { quickbooksConnection } from '../../quickbooks/connection';
import { memoryTokenStore, type QuickbooksTokenStore } from '../../quickbooks/token-store';
import { toNodeError } from './errors';

/** What the runtime hands the ERP nodes (part of `NodeRuntimeOptions`). */
export interface ErpRuntimeOptions {
  /**
   * The built-in ledger over the runtime's Postgres; flows without an ERP connection post here.
   * Absent: such nodes fail with ERP_NOT_CONFIGURED.
   */
  builtIn?: ErpAdapter;
  /**
   * The ledger's time zone (IANA name): document dates given as instants are booked on their
   * calendar day there. Default {@link DEFAULT_LEDGER_TIME_ZONE}.
   */
  timeZone?: string;
  quickbooks?: {
    /**
     * Durable, sealed storage of rotated refresh tokens. Default: process memory, which loses a
     * rotated token on restart (the connection's token then no longer works): runtimes pass one.
     */
    tokens?: QuickbooksTokenStore;
    /** Base URL of the built-in QuickBooks simulator, for connections set to `simulator`. */
    simulatorUrl?: string;
    fetch?: typeof fetch;
  };
}

/** The ERP services of one executor lookup: one token store shared by every ERP node. */
export interface ErpRuntime {
  adapterFor(ctx: ExecuteContext<unknown>): ErpAdapter;
  /** The ledger's time zone, in which document dates are booked. */
  readonly timeZone: string;
}

/** Builds the services once per lookup. */
export function createErpRuntime(options: ErpRuntimeOptions = {}): ErpRuntime {
  const tokens = options.quickbooks?.tokens ?? memoryTokenStore();
  return {
    timeZone: options.timeZone ?? DEFAULT_LEDGER_TIME_ZONE,
    adapterFor(ctx) {
      if (ctx.connectionType === quickbooksConnection.type && ctx.connection) {
        const values = quickbooksConnection.fields.parse(ctx.connection);
        const connectionId = (ctx.config as { connectionId?: unknown }).connectionId;
        return quickbooksAdapter(values, {
          tokens,
          tokenKey: typeof connectionId === 'string' ? connectionId : undefined,
          simulatorUrl: options.quickbooks?.simulatorUrl,
          signal: ctx.signal,
          ...(options.quickbooks?.fetch ? { fetch: options.quickbooks.fetch } : {}),
        });
      }
      if (!options.builtIn) {
        throw new PermanentError(
          'ERP_NOT_CONFIGURED',
          'No ERP connection is set on this node and this host has no built-in ledger',
        );
      }
      return options.builtIn;
    },
  };
}

/** The adapter, with a refusal (not yet connected) as a permanent node error. */
function quickbooksAdapter(...args: Parameters<typeof createQuickbooksAdapter>): ErpAdapter {
  try {
    return createQuickbooksAdapter(...args);
  } catch (err) {
    throw toNodeError(err);
  }
}

const runtimes = new WeakMap<object, ErpRuntime>();

/** The runtime for an options object, built on first use so every node type shares it. */
export function erpRuntimeFor(options: { erp?: ErpRuntimeOptions }): ErpRuntime {
  let runtime = runtimes.get(options);
  if (!runtime) {
    runtime = createErpRuntime(options.erp);
    runtimes.set(options, runtime);
  }
  return runtime;
}

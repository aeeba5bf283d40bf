import {
  triggerNodeOf,
  triggerTypesOn,
  type TriggerChannel,
  type TriggerHttpEvent,
  type TriggerHttpRequest,
} from '@paybridge/nodes/definitions';
import type { ConnectionResolver } from '../connections/resolver';
import { sql as dsql } from 'drizzle-orm';
import type { Db, Sql } from '../db/client';
import { FLOWS_CHANNEL, loadActiveTriggers } from '../db/queries/flows';
import type { TriggerFinder } from '../flows/trigger-activation';
import type { Logger } from '../logger';
import { isEffectFree } from '../runs/direct-run';
import { CredentialCache } from './credential-cache';
import type { RateLimit } from './ingress-rate-limiter';
import { groupShopifySubscribers, type ShopifySubscriber } from './shopify/subscribers';
import type { TriggerAuthMethod, TriggerCredentials } from './trigger-auth/credentials';
import { readTriggerSecurity, type TriggerSecurity } from './trigger-security';

/** Connection changes, so every API process drops cached trigger secrets at once. */
export const CONNECTIONS_CHANNEL = 'paybridge_connections';

/** What a request to an http-channel trigger needs to become a run, without the database. */
export interface HttpTrigger {
  flowId: string;
  versionId: string;
  mode: 'async' | 'sync';
  timeoutMs: number;
  /** No node of the flow has external effects: its sync runs may skip the queue (`DirectRun`). */
  effectFree: boolean;
  /** Who may call it; null when the stored settings are unreadable: every request is refused. */
  security: TriggerSecurity | null;
  /** Authenticated requests accepted (`perMinute` 0: unlimited). */
  rateLimit: RateLimit;
  /** The trigger kind's own conversion of an authenticated request into its event. */
  toEvent(request: TriggerHttpRequest): TriggerHttpEvent;
}

/** The trigger kinds the table serves: the registry's, or a test's own. */
export interface TriggerKinds {
  typesOn(channel: TriggerChannel): string[];
  triggerOf: TriggerFinder;
}

const registryKinds: TriggerKinds = { typesOn: triggerTypesOn, triggerOf: triggerNodeOf };

interface Tables {
  rest: Map<string, HttpTrigger>;
  /** By connection id. */
  shopify: Map<string, ShopifySubscriber[]>;
}

/**
 * In-memory map of the active triggers of the http channel (by path) and the shopify channel (by
 * connection), the kinds of each found through the trigger registry. It is rebuilt on first use
 * after any flow change, announced through Postgres NOTIFY so every API process, not just the one
 * that saved, reloads.
 */
export class TriggerTable {
  private table: Tables | null = null;
  private loading: Promise<Tables> | null = null;
  private generation = 0;
  private readonly credentialCache: CredentialCache;
  private readonly kinds: TriggerKinds;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    opts: { credentialTtlMs?: number; kinds?: TriggerKinds | undefined } = {},
  ) {
    this.credentialCache = new CredentialCache(opts.credentialTtlMs);
    this.kinds = opts.kinds ?? registryKinds;
  }

  /** Subscribes to flow and connection changes; call once per process. */
  async listen(sql: Sql): Promise<void> {
    await sql.listen(
      FLOWS_CHANNEL,
      () => this.invalidate(),
      () => this.invalidate(),
    );
    await sql.listen(
      CONNECTIONS_CHANNEL,
      (id) => this.credentialCache.forget(id),
      () => this.credentialCache.clear(),
    );
  }

  invalidate(): void {
    this.generation++;
    this.table = null;
    this.credentialCache.clear();
  }

  /**
   * The decrypted secrets a trigger's requests are checked against, cached per connection for a
   * short time (see {@link CredentialCache} for the trade-off); null when the connection is
   * missing or unusable for the method.
   */
  credentials(
    method: TriggerAuthMethod,
    connectionId: string,
    resolver: ConnectionResolver,
  ): Promise<TriggerCredentials | null> {
    return this.credentialCache.get(method, connectionId, resolver);
  }

  /**
   * Forgets one connection's cached secrets, here at once and in every other API process through
   * a notification, so a rotated or revoked trigger secret stops working everywhere right away.
   */
  forgetConnection(connectionId: string): void {
    this.credentialCache.forget(connectionId);
    this.db
      .execute(dsql`select pg_notify(${CONNECTIONS_CHANNEL}, ${connectionId})`)
      .catch((err) => this.logger.warn('could not announce a connection change', { err }));
  }

  async lookup(path: string): Promise<HttpTrigger | undefined> {
    const table = this.table ?? (await this.load());
    return table.rest.get(path);
  }

  /** The active flows subscribed to a Shopify connection's webhooks (any topic). */
  async shopifySubscribers(connectionId: string): Promise<readonly ShopifySubscriber[]> {
    const table = this.table ?? (await this.load());
    return table.shopify.get(connectionId) ?? [];
  }

  private load(): Promise<Tables> {
    if (this.loading) return this.loading;
    const gen = this.generation;
    this.loading = (async () => {
      try {
        const [rows, shopifyRows] = await Promise.all([
          loadActiveTriggers(this.db, this.kinds.typesOn('http')),
          loadActiveTriggers(this.db, this.kinds.typesOn('shopify')),
        ]);
        const table = new Map<string, HttpTrigger>();
        for (const r of rows) {
          if (!r.path) continue;
          const found = this.kinds.triggerOf(r.graph);
          const { node, trigger } = found ?? {};
          const endpoint = node && trigger?.endpoint?.(node);
          const toEvent = trigger?.toEvent;
          if (!node || !endpoint || !toEvent) continue;
          const security = readTriggerSecurity(trigger.access?.(node) ?? null);
          if (!security) {
            this.logger.error('trigger security settings unreadable; refusing its requests', {
              path: r.path,
              flowId: r.flowId,
            });
          }
          table.set(r.path, {
            flowId: r.flowId,
            versionId: r.versionId,
            ...endpoint,
            effectFree: isEffectFree(r.graph),
            security,
            toEvent: (request) => toEvent(node, request),
          });
        }
        const shopify = groupShopifySubscribers(shopifyRows, this.logger);
        const tables = { rest: table, shopify };
        // A change that arrived while loading makes this result stale: use it once, reload next time.
        if (gen === this.generation) this.table = tables;
        return tables;
      } catch (err) {
        this.logger.error('could not load trigger table', { err });
        throw err;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}

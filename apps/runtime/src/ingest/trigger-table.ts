import { triggerNodeOf, triggerTypesOn } from '@paybridge/nodes/definitions';
import type { ConnectionResolver } from '../connections/resolver';
import { sql as dsql } from 'drizzle-orm';
import type { Db, Sql } from '../db/client';
import { FLOWS_CHANNEL, loadActiveTriggers } from '../db/queries/flows';
import type { Logger } from '../logger';
import { CredentialCache } from './credential-cache';
import type { RateLimit } from './ingress-rate-limiter';
import { groupShopifySubscribers, type ShopifySubscriber } from './shopify/subscribers';
import type { TriggerAuthMethod, TriggerCredentials } from './trigger-auth/credentials';
import { readTriggerSecurity, type TriggerSecurity } from './trigger-security';

/** Connection changes, so every API process drops cached trigger secrets at once. */
export const CONNECTIONS_CHANNEL = 'paybridge_connections';

/** What a REST trigger request needs to become a run, without touching the database. */
export interface RestTrigger {
  flowId: string;
  versionId: string;
  mode: 'async' | 'sync';
  timeoutMs: number;
  /** Who may call it; null when the stored settings are unreadable: every request is refused. */
  security: TriggerSecurity | null;
  /** Authenticated requests accepted (`perMinute` 0: unlimited). */
  rateLimit: RateLimit;
}

interface Tables {
  rest: Map<string, RestTrigger>;
  /** By connection id. */
  shopify: Map<string, ShopifySubscriber[]>;
}

/**
 * In-memory map of the active triggers of the http channel (by path) and the shopify channel (by
 * connection), the kinds of each found through the trigger registry. It is rebuilt on first use after any flow change,
 * announced through Postgres NOTIFY so every API process, not just the one that saved, reloads.
 */
export class TriggerTable {
  private table: Tables | null = null;
  private loading: Promise<Tables> | null = null;
  private generation = 0;
  private readonly credentialCache: CredentialCache;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    opts: { credentialTtlMs?: number } = {},
  ) {
    this.credentialCache = new CredentialCache(opts.credentialTtlMs);
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

  async lookup(path: string): Promise<RestTrigger | undefined> {
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
          loadActiveTriggers(this.db, triggerTypesOn('http')),
          loadActiveTriggers(this.db, triggerTypesOn('shopify')),
        ]);
        const table = new Map<string, RestTrigger>();
        for (const r of rows) {
          if (!r.path) continue;
          const found = triggerNodeOf(r.graph);
          const endpoint = found?.trigger.endpoint?.(found.node);
          if (!found || !endpoint) continue;
          const security = readTriggerSecurity(found.node.config);
          if (!security) {
            this.logger.error('REST trigger security settings unreadable; refusing its requests', {
              path: r.path,
              flowId: r.flowId,
            });
          }
          table.set(r.path, { flowId: r.flowId, versionId: r.versionId, ...endpoint, security });
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

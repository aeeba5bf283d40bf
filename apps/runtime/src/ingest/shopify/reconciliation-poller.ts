import { randomUUID } from 'node:crypto';
import {
  fetchShopifyChanges,
  type ShopifyChangeStub,
  type ShopifyRuntime,
} from '@paybridge/nodes/executors';
import { triggerTypesOn } from '@paybridge/nodes/definitions';
import type { ConnectionResolver } from '../../connections/resolver';
import type { Db, Sql } from '../../db/client';
import { loadActiveTriggers } from '../../db/queries/flows';
import { claimShopifyPoll, finishShopifyPoll } from '../../db/queries/shopify-sync';
import type { Logger } from '../../logger';
import type { IngestWriter } from '../ingest-writer';
import { shopifyEventIdentity } from './event-identity';
import { matchesGateways } from './gateway-filter';
import { ingestShopifyEvent } from './ingest-shopify-event';
import { groupShopifySubscribers, type ShopifySubscriber } from './subscribers';

export interface ShopifyPollerOptions {
  db: Db;
  sql: Sql;
  ingest: IngestWriter;
  connections: ConnectionResolver;
  runtime: ShopifyRuntime;
  logger: Logger;
  /** Seconds between polls of one store. */
  everyS: number;
  /**
   * Re-read this far before the watermark: `updated_at` is not a strictly ordered log (writes
   * committed late carry earlier stamps), and events already seen cost only a dedupe.
   */
  overlapS?: number;
}

/**
 * Missed-event reconciliation. Shopify says webhooks are not guaranteed; every `everyS` seconds
 * each store with an active Shopify-triggered flow is read for orders changed since its
 * watermark, and every change becomes the event its webhook would have been, through the same
 * ingest path, where anything already delivered is dropped as a duplicate. Worker processes all
 * run a poller; a lease in Postgres lets one of them poll a given store at a time.
 */
export class ShopifyPoller {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | null = null;
  private readonly owner = `poller-${randomUUID()}`;
  private readonly stopping = new AbortController();

  constructor(private readonly opts: ShopifyPollerOptions) {}

  start(): void {
    const checkEveryMs = Math.min(5_000, this.opts.everyS * 1000);
    this.timer = setInterval(() => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((err) => this.opts.logger.warn('Shopify reconciliation tick failed', { err }))
        .finally(() => (this.ticking = null));
    }, checkEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.ticking;
  }

  /**
   * Indexes of the stubs some flow would take and whose identity was never ingested: only those
   * are read in full. One indexed query per page of stamps.
   */
  private async unseen(
    scope: string,
    subscribers: readonly ShopifySubscriber[],
    stubs: readonly ShopifyChangeStub[],
  ): Promise<ReadonlySet<number>> {
    const candidates = new Map<string, number[]>();
    stubs.forEach((stub, i) => {
      const wanted = subscribers.some(
        (s) => s.topics.includes(stub.topic) && matchesGateways(stub.body, s.gatewayNames),
      );
      const identity = wanted ? shopifyEventIdentity(stub.topic, stub.body) : null;
      if (identity) candidates.set(identity, [...(candidates.get(identity) ?? []), i]);
    });
    if (candidates.size === 0) return new Set();
    const seen = await this.opts.sql<{ key: string }[]>`
      select key from idempotency_records
      where scope = ${scope} and key = any(${[...candidates.keys()]}::text[])`;
    for (const { key } of seen) candidates.delete(key);
    return new Set([...candidates.values()].flat());
  }

  /** Polls every due store once; returns how many events no webhook had delivered. */
  async tick(): Promise<number> {
    const rows = await loadActiveTriggers(this.opts.db, triggerTypesOn('shopify'));
    let recovered = 0;
    for (const [connectionId, subscribers] of groupShopifySubscribers(rows, this.opts.logger)) {
      const leaseS = Math.max(60, this.opts.everyS * 2);
      const watermark = await claimShopifyPoll(
        this.opts.sql,
        connectionId,
        this.owner,
        this.opts.everyS,
        leaseS,
      );
      if (!watermark) continue;
      try {
        const connection = await this.opts.connections.resolve(connectionId);
        if (!connection || connection.type !== 'shopify') {
          throw new Error('the Shopify connection is missing or not a Shopify connection');
        }
        const since = new Date(watermark.getTime() - (this.opts.overlapS ?? 300) * 1000);
        const scope = `shopify:${connectionId}`;
        const found = await fetchShopifyChanges({
          runtime: this.opts.runtime,
          connection: connection.values,
          since,
          topics: new Set(subscribers.flatMap((s) => s.topics)),
          unseen: (stubs) => this.unseen(scope, subscribers, stubs),
          signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(leaseS * 1000)]),
          logger: this.opts.logger,
        });
        let created = 0;
        for (const change of found.changes) {
          const result = await ingestShopifyEvent(this.opts.ingest, subscribers, {
            connectionId,
            topic: change.topic,
            body: change.body,
            deliveryId: `reconciliation:${change.topic}:${String(change.body.id)}:${String(change.body.updated_at ?? change.body.created_at ?? '')}`,
            shopDomain: found.shopDomain,
            apiVersion: found.apiVersion,
            triggeredAt: null,
            source: 'reconciliation',
          });
          if (result?.kind === 'created') created++;
        }
        await finishShopifyPoll(this.opts.sql, connectionId, this.owner, {
          newest: found.newest ? new Date(found.newest) : null,
          recovered: created,
        });
        if (created > 0) {
          this.opts.logger.info('Shopify reconciliation recovered missed events', {
            connectionId,
            events: created,
          });
        }
        recovered += created;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.opts.logger.warn('Shopify reconciliation failed', { connectionId, error: message });
        await finishShopifyPoll(this.opts.sql, connectionId, this.owner, { error: message });
      }
    }
    return recovered;
  }
}

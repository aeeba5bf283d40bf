/**
 * Simulator settings. Where the Shopify facts are UNCONFIRMED (bucket sizes beyond Standard and
 * Plus, retry intervals, header details) the behaviour is a setting here with the most likely
 * value as default, so connector tests can prove they cope with either answer.
 * @module
 */

/** Store plans that decide the GraphQL cost bucket. */
export type ShopifyPlan = 'standard' | 'advanced' | 'plus' | 'enterprise';

/** A leaky bucket's size and restore rate (points per second). */
export interface BucketLimits {
  maximumAvailable: number;
  restoreRate: number;
}

/**
 * Bucket per plan. Restore rates are Shopify's published ones (100/200/1000/2000 points/s).
 * Bucket sizes: Standard 2000 and Plus 20000 are seen in real `throttleStatus` answers; Advanced
 * 4000 and Enterprise 40000 are extrapolated (20 × restore rate) and UNCONFIRMED.
 */
export const PLAN_LIMITS: Readonly<Record<ShopifyPlan, BucketLimits>> = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
  enterprise: { maximumAvailable: 40000, restoreRate: 2000 },
};

/** Order sort keys the simulator implements. */
export type OrderSortKey = 'CREATED_AT' | 'ID' | 'ORDER_NUMBER' | 'PROCESSED_AT' | 'UPDATED_AT';

/** Mutable settings; change them through the handle or `PATCH /__admin/settings`. */
export interface ShopifySimulatorSettings {
  /** Store plan: decides the cost bucket (see `PLAN_LIMITS`). */
  plan: ShopifyPlan;
  /** Overrides the plan's bucket (e.g. a small bucket for a throttling demo); `null` = plan's. */
  bucket: BucketLimits | null;
  /** Largest requested cost of a single query (Shopify: 1000). */
  maxQueryCost: number;
  /** Cost of each top-level mutation field (Shopify: typically 10). */
  mutationCost: number;
  /** Lifetime of client-credentials tokens in seconds (observed `expires_in`: 86399). */
  tokenLifetimeSeconds: number;
  /** Scopes granted to every token (the `scope` of the token answer). */
  scopes: string[];
  /**
   * API versions served; any other `YYYY-MM` falls forward to the oldest stable one. `null`
   * (default) follows Shopify's calendar on the simulator's clock: the four latest quarterly
   * versions (each is supported for 12 months), the next one (release candidate) and `unstable`.
   */
  apiVersions: string[] | null;
  /**
   * Version of payloads for subscriptions created through the admin API or the handle; `null`
   * (default): the current stable version on the simulator's clock.
   */
  webhookApiVersion: string | null;
  /** GraphQL `Decimal` style: `trimmed` (`"10.0"`, as Shopify answers show) or `fixed` (`"10.00"`). */
  decimalStyle: 'trimmed' | 'fixed';
  /** Shop's UTC offset in minutes for REST/webhook timestamps (fixed; no daylight saving). */
  utcOffsetMinutes: number;
  /** Shop currency (`currencyCode` of `shop`, default of new orders). */
  shopCurrency: string;
  /** Sort of `orders` when no `sortKey` is given. UNCONFIRMED; one doc copy shows PROCESSED_AT. */
  ordersDefaultSortKey: OrderSortKey;
  /** Orders older than 60 days visible (the `read_all_orders` scope). */
  readAllOrders: boolean;
  /** `metafieldsSet` on an order touches `updatedAt` and fires `orders/updated`. UNCONFIRMED. */
  metafieldsTouchOrder: boolean;
  /** `orders/paid` also fires when a payment leaves the order partially paid. UNCONFIRMED. */
  ordersPaidOnPartialPayment: boolean;
  /** Manual-gateway orders carry a pending `sale` transaction. UNCONFIRMED; off by default. */
  pendingSaleForManualGateway: boolean;
  /** Refuse `http://` callback URIs, as real Shopify does (off so local receivers work). */
  requireHttpsCallbacks: boolean;
  /** Deliver webhooks on timers; off = only `deliveries.flush()`/`drain()` send them. */
  autoDeliver: boolean;
  /** Retry delays in seconds, one per retry (default 8 retries, ≈4 h; Shopify's are unpublished). */
  retryScheduleSeconds: number[];
  /** Multiplies every delivery delay (retries, holds); e.g. 0.001 compresses 4 h to 15 s. */
  backoffScale: number;
  /** A delivery not answered within this many ms fails (Shopify: 5 s total). */
  deliveryTimeoutMs: number;
  /** Probability that a delivered webhook is delivered a second time. */
  duplicateRate: number;
  /** Seconds between a delivery and its duplicate. */
  duplicateDelaySeconds: number;
  /** Probability that a delivery is held back so later ones overtake it. */
  reorderRate: number;
  /** Seconds a held-back delivery waits before its first attempt. */
  reorderDelaySeconds: number;
  /** Probability that a delivery is dropped and never sent (reconciliation must find it). */
  dropRate: number;
  /** Seed of the random source of the rates above and of webhook/event ids. */
  seed: number;
  /** Retries keep the first attempt's `X-Shopify-Webhook-Id`. UNCONFIRMED; docs imply yes. */
  retryKeepsWebhookId: boolean;
  /** Delete a subscription once one of its deliveries has used up every retry. */
  removeFailingSubscriptions: boolean;
  /** Also send `X-Shopify-Order-Id` / `X-Shopify-Test` as older deliveries did. UNCONFIRMED. */
  legacyTopicHeaders: boolean;
  /** Title of the app the simulator's tokens belong to (`OrderRiskAssessment.provider.title`). */
  appTitle: string;
  /**
   * How `Order.risk.recommendation` follows from the assessments. UNCONFIRMED (Shopify does not
   * publish the rule; facts "may not affect" it). `highest-level`: the highest level of every
   * assessment, apps' included (HIGH → CANCEL, MEDIUM → INVESTIGATE, LOW → ACCEPT, else NONE).
   * `shopify-only`: apps' assessments do not count (the simulator writes none of its own: NONE).
   */
  riskRecommendation: 'highest-level' | 'shopify-only';
  /** A new app assessment replaces that app's earlier ones instead of adding one. UNCONFIRMED. */
  riskAssessmentReplacesOwn: boolean;
  /** `orderRiskAssessmentCreate` touches `updatedAt` and fires `orders/updated`. UNCONFIRMED. */
  riskAssessmentTouchesOrder: boolean;
  /**
   * Seconds before an `orderCancel` job takes effect (Shopify cancels in a background job; how
   * long it takes is UNCONFIRMED). 0: within the mutation, the job answers `done: true`. Above
   * 0: the job is done, and the order cancelled, at the first GraphQL request after that time.
   */
  orderCancelJobSeconds: number;
}

/** Default retry delays: doubling from one minute, 8 retries, about four hours in all. */
export const DEFAULT_RETRY_SCHEDULE = [60, 120, 240, 480, 960, 1920, 3840, 7680];

/** Defaults: a Standard-plan store on USD with faithful webhook timing and no faults. */
export function defaultSettings(): ShopifySimulatorSettings {
  return {
    plan: 'standard',
    bucket: null,
    maxQueryCost: 1000,
    mutationCost: 10,
    tokenLifetimeSeconds: 86399,
    scopes: ['read_orders', 'write_orders', 'read_customers', 'write_customers'],
    apiVersions: null,
    webhookApiVersion: null,
    decimalStyle: 'trimmed',
    utcOffsetMinutes: -300,
    shopCurrency: 'USD',
    ordersDefaultSortKey: 'PROCESSED_AT',
    readAllOrders: true,
    metafieldsTouchOrder: false,
    ordersPaidOnPartialPayment: false,
    pendingSaleForManualGateway: false,
    requireHttpsCallbacks: false,
    autoDeliver: true,
    retryScheduleSeconds: [...DEFAULT_RETRY_SCHEDULE],
    backoffScale: 1,
    deliveryTimeoutMs: 5000,
    duplicateRate: 0,
    duplicateDelaySeconds: 1,
    reorderRate: 0,
    reorderDelaySeconds: 10,
    dropRate: 0,
    seed: 1,
    retryKeepsWebhookId: true,
    removeFailingSubscriptions: true,
    legacyTopicHeaders: false,
    appTitle: 'Paybridge',
    riskRecommendation: 'highest-level',
    riskAssessmentReplacesOwn: false,
    riskAssessmentTouchesOrder: false,
    orderCancelJobSeconds: 0,
  };
}

/** The bucket in force: the override, or the plan's. */
export function bucketLimits(settings: ShopifySimulatorSettings): BucketLimits {
  return settings.bucket ?? PLAN_LIMITS[settings.plan];
}

/**
 * Simulators of the PayTrace gateway (JSON API v1) and of a Shopify store (Admin GraphQL API,
 * client-credentials grant, webhooks), written from the public API facts and sharing no code
 * with the connectors in `packages/nodes`.
 * @module
 */
export {
  createPaytraceSimulator,
  openPaytraceSimulator,
  DEMO_CREDENTIALS,
  type DurablePaytraceSimulator,
  type PaytraceSimulator,
  type PaytraceSimulatorHandle,
  type PaytraceSimulatorOptions,
} from './paytrace/simulator.js';
export {
  startPaytraceSimulator,
  type RunningPaytraceSimulator,
  type StartPaytraceSimulatorOptions,
} from './paytrace/start.js';
export type { PaytraceCredentials } from './paytrace/context.js';
export type { PaytraceSimulatorSettings } from './paytrace/settings.js';
export type {
  Fault,
  SimBatch,
  SimCustomer,
  SimTransaction,
  SimulatorState,
} from './paytrace/state.js';
export type { StoredCard } from './paytrace/cards.js';
export type {
  DayManifest,
  ManifestBatch,
  ManifestDeposit,
  ManifestDiscrepancy,
  ManifestTransaction,
} from './paytrace/day/manifest.js';
export { shopifyOrdersForDay } from './paytrace/day/shopify-orders.js';
export {
  createShopifySimulator,
  openShopifySimulator,
  SHOPIFY_DEMO_CREDENTIALS,
  type DurableShopifySimulator,
  type ShopifySimulator,
  type ShopifySimulatorOptions,
} from './shopify/simulator.js';
export {
  startShopifySimulator,
  type RunningShopifySimulator,
  type StartShopifySimulatorOptions,
} from './shopify/start.js';
export type {
  ShopifySimulatorHandle,
  SubscribeOptions,
  DeliveryControls,
} from './shopify/handle.js';
export type { ShopifyCredentials } from './shopify/context.js';
export {
  PLAN_LIMITS,
  type BucketLimits,
  type ShopifyPlan,
  type ShopifySimulatorSettings,
} from './shopify/settings.js';
export type {
  SimCustomer as ShopifyCustomer,
  SimDispute as ShopifyDispute,
  SimOrder as ShopifyOrder,
  SimRefund as ShopifyRefund,
  SimSubscription as ShopifyWebhookSubscription,
  SimTransaction as ShopifyTransaction,
  WebhookTopic as ShopifyWebhookTopic,
} from './shopify/store/records.js';
export type { SimDelivery as ShopifyWebhookDelivery } from './shopify/webhooks/delivery-records.js';
export type { WebhookFetch as ShopifyWebhookFetch } from './shopify/webhooks/send.js';
export { verifyWebhook as verifyShopifyWebhook } from './shopify/webhooks/sign.js';
export {
  createQuickbooksSimulator,
  openQuickbooksSimulator,
  startQuickbooksSimulator,
  type DurableQuickbooksSimulator,
  QUICKBOOKS_DEMO_APP,
  type QboEntity,
  type QboFault,
  type QuickbooksSimulator,
  type QuickbooksSimulatorHandle,
  type QuickbooksSimulatorOptions,
  type QuickbooksSimulatorSettings,
  type RunningQuickbooksSimulator,
} from './quickbooks/index.js';
export {
  memoryStore,
  type DurableOptions,
  type MemoryStore,
  type RecordChange,
  type SimulatorStore,
  type StoredRecord,
} from './persistence/index.js';

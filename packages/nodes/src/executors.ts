/**
 * Server entry point: the executor for every node type, built for one runtime's settings. Not
 * browser-safe (it opens sockets); the editor imports `./definitions` instead.
 *
 * @module
 */
import type { ExecutorLookup, NodeExecutor } from '@paybridge/engine';
import { nodeDefinitions, type NodeDefinitionOf, type NodeTypeName } from './definitions';
import type { NodeDefinition } from './define-node';
import { restTriggerExecutor } from './trigger/rest/execute';
import { manualTriggerExecutor } from './trigger/manual/execute';
import { scheduleTriggerExecutor } from './trigger/schedule/execute';
import { shopifyTriggerExecutor } from './shopify/trigger/execute';
import { chargebackTriggerExecutor } from './trigger/chargeback/execute';
import { mapExecutor } from './core/map/execute';
import { branchExecutor } from './core/branch/execute';
import { createFraudScoreExecutor } from './fraud/score/execute';
import { createFraudReviewExecutor } from './fraud/review/execute';
import type { FraudStore } from './fraud/store';
import { respondExecutor } from './core/respond/execute';
import { delayExecutor } from './core/delay/execute';
import { createHttpRequestExecutor, type HttpRuntimeOptions } from './core/http-request/execute';
import {
  createPaytraceRuntime,
  type PaytraceRuntime,
  type PaytraceRuntimeOptions,
} from './paytrace/client/runtime';
import { paytraceExecutorFactories } from './paytrace/nodes/executors';
import { erpExecutorFactories, type ErpRuntimeOptions } from './erp/nodes/executors';
import {
  createShopifyRuntime,
  type ShopifyRuntime,
  type ShopifyRuntimeOptions,
} from './shopify/client/runtime';
import { shopifyExecutorFactories } from './shopify/nodes/executors';
import { forEachExecutor } from './core/for-each/execute';
import { createEmailExecutor } from './notify/email/execute';
import { createWebhookExecutor } from './notify/webhook/execute';
import type { PayLinks } from './paytrace/nodes/pay-link/pay-links';
import type { DisputeCases } from './disputes/cases';
import { disputeExecutorFactories } from './disputes/executors';
import { erpRuntimeFor } from './erp/nodes/shared/erp-runtime';
import { createImportStatementExecutor } from './reconcile/import-statement/execute';
import type { BankStatementStore } from './reconcile/import-statement/statement-store';
import { createSettlementExecutor } from './reconcile/settlement/execute';
import type { SettlementStore } from './reconcile/settlement/settlement-store';

export { implementNode } from './define-node';
export {
  connectionTesters,
  type ConnectionTestContext,
  type ConnectionTestResult,
  type ConnectionTester,
} from './connections/testers';
export {
  createHttpRequestExecutor,
  DEFAULT_MAX_RESPONSE_BYTES,
  MAX_REDIRECTS,
  type HttpRuntimeOptions,
} from './core/http-request/execute';
export { type PaytraceRuntimeOptions } from './paytrace/client/runtime';
export type * from './paytrace/nodes/pay-link/pay-links';
export { createProtectClientKey } from './paytrace/nodes/pay-link/client-key';
export { createGuardedFetch, BLOCKED_ADDRESS_CODE, type GuardedFetch } from './http/guarded-fetch';
export {
  setOutboundObserver,
  type OutboundCall,
  type OutboundObserver,
  type OutboundResult,
} from './http/outbound-observer';
export { type ErpRuntimeOptions } from './erp/nodes/executors';
export type * from './fraud/store';
export {
  createShopifyRuntime,
  type ShopifyRuntime,
  type ShopifyRuntimeOptions,
} from './shopify/client/runtime';
export {
  fetchShopifyChanges,
  MAX_ORDERS_PER_POLL,
  type FetchChangesResult,
  type ShopifyChange,
  type ShopifyChangeStub,
} from './shopify/reconcile/fetch-changes';
// The runtime's dead-letter alerts post through the same guarded, address-checked sender.
export { postOnce, type ServiceFailures } from './http/post-once';
export { createGuardedAgent } from './http/guarded-agent';
export { createAddressPolicy } from './http/address-policy';
// Email alerts send through the same SMTP sending as notify.email.
export { sendSmtpMessage, type SmtpMessage, type SmtpSent } from './notify/email/send-message';
export { messageIdFor } from './notify/email/execute';
export { smtpValues } from './connections/smtp/transport';

/**
 * Settings the runtime passes in (from its own config). Executors keep no global state: two
 * runtimes in one process, or tests with different allow-lists, do not see each other's settings.
 */
export interface NodeRuntimeOptions {
  http: HttpRuntimeOptions;
  /** PayTrace: where the runtime's built-in simulator is served, if it serves one. */
  paytrace?: PaytraceRuntimeOptions;
  /** ERP: the built-in ledger (flows without an ERP connection post there) and QuickBooks settings. */
  erp?: ErpRuntimeOptions;
  /** Shopify: where the runtime's built-in store simulator is served, if it serves one. */
  shopify?: ShopifyRuntimeOptions;
  /** The hosted pay page's links and submissions (PayTrace pay-link and await-payment nodes). */
  pay?: PayLinks;
  /** The runtime's chargeback case store (the dispute nodes). */
  disputes?: DisputeCases;
  /** Settlement reconciliation: the runtime's staging and set-based matching in Postgres. */
  reconciliation?: SettlementStore;
  /** Bank statements imported for the deposit match (`reconcile.import-statement`). */
  bankStatements?: BankStatementStore;
  /** Fraud screening: the attempt history, the scores and the review queue. */
  fraud?: FraudStore;
}

/**
 * State shared by the executors of one lookup (connection pools, token caches), built once in
 * {@link createExecutorLookup} and handed to every factory.
 */
export interface RuntimeServices {
  readonly paytrace: PaytraceRuntime;
  readonly shopify: ShopifyRuntime;
}

type ConfigOf<T extends NodeTypeName> =
  NodeDefinitionOf<T> extends NodeDefinition<infer Config, T> ? Config : never;

/**
 * One factory per shipped type. Keyed by the union of type names, so adding a definition to
 * `nodeDefinitions` without registering its executor here does not compile.
 */
type ExecutorFactories = {
  readonly [T in NodeTypeName]: (
    options: NodeRuntimeOptions,
    services: RuntimeServices,
  ) => NodeExecutor<ConfigOf<T>>;
};

const factories: ExecutorFactories = {
  'trigger.rest': () => restTriggerExecutor,
  'trigger.manual': () => manualTriggerExecutor,
  'trigger.schedule': () => scheduleTriggerExecutor,
  'trigger.shopify': () => shopifyTriggerExecutor,
  'trigger.chargeback': () => chargebackTriggerExecutor,
  map: () => mapExecutor,
  branch: () => branchExecutor,
  respond: () => respondExecutor,
  delay: () => delayExecutor,
  'http.request': (options) => createHttpRequestExecutor(options.http),
  ...paytraceExecutorFactories,
  ...erpExecutorFactories,
  ...shopifyExecutorFactories,
  'for-each': () => forEachExecutor,
  'notify.email': (options) => createEmailExecutor(options.http),
  'notify.webhook': (options) => createWebhookExecutor(options.http),
  ...disputeExecutorFactories,
  'reconcile.settlement': (options, services) =>
    createSettlementExecutor({
      store: options.reconciliation,
      paytrace: services.paytrace,
      shopify: services.shopify,
      erp: erpRuntimeFor(options),
    }),
  'reconcile.import-statement': (options) => createImportStatementExecutor(options.bankStatements),
  'fraud.score': (options) => createFraudScoreExecutor(options.fraud),
  'fraud.review': (options) => createFraudReviewExecutor(options.fraud),
};

/**
 * Builds every executor for these settings and returns the engine's lookup by type and version.
 * Invalid settings (a malformed CIDR) throw here, at startup.
 *
 * @example
 * const lookupExecutor = createExecutorLookup({ http: { allowPrivateCidrs: ['10.20.0.0/16'] } });
 * lookupExecutor('http.request', 1)?.execute(ctx);
 */
/**
 * The connectors' shared state for one runtime (token caches, connection pools, Shopify's cost
 * buckets). Built once and handed to {@link createExecutorLookup} and to anything else in the
 * process that calls the same services (the Shopify reconciliation poller), so they share one
 * rate-limit model per shop instead of each guessing alone.
 */
export function createRuntimeServices(options: NodeRuntimeOptions): RuntimeServices {
  return {
    paytrace: createPaytraceRuntime({
      http: options.http,
      ...(options.paytrace ? { paytrace: options.paytrace } : {}),
    }),
    shopify: createShopifyRuntime({
      http: options.http,
      ...(options.shopify ? { shopify: options.shopify } : {}),
    }),
  };
}

export function createExecutorLookup(
  options: NodeRuntimeOptions,
  services: RuntimeServices = createRuntimeServices(options),
): ExecutorLookup {
  const executors = new Map<string, NodeExecutor<unknown>>();
  for (const definition of nodeDefinitions) {
    const executor = factories[definition.type](options, services);
    if (executor.spec !== definition) {
      throw new Error(
        `executor registered for ${definition.type} implements ${executor.spec.type}`,
      );
    }
    // The engine parses config with this very spec before executing, so erasing the config type
    // here loses nothing; NodeExecutor<Config> is merely not assignable to NodeExecutor<unknown>.
    executors.set(
      `${definition.type}@${definition.version}`,
      executor as unknown as NodeExecutor<unknown>,
    );
  }
  return (type, version) => executors.get(`${type}@${version}`);
}

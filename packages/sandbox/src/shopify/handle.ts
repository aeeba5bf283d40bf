/**
 * The handle tests and the runtime hold besides the app: state, settings, clock, and the store
 * operations the admin API offers (customers, orders, refunds, disputes, subscriptions,
 * deliveries), so tests can drive the store without HTTP where HTTP is not the point.
 * @module
 */
import type { ShopContext, ShopifyCredentials } from './context.js';
import { stringifyJson } from './core/raw-json.js';
import type { ShopifySimulatorSettings } from './settings.js';
import { createCustomer } from './store/customers.js';
import { createDispute, updateDispute } from './store/disputes.js';
import { InputError, moneyAt, stringAt, type Json } from './store/input.js';
import { cancelOrder, createOrder } from './store/orders.js';
import { createManualPayment, voidAuthorization } from './store/payments.js';
import type {
  SimCustomer,
  SimDispute,
  SimOrder,
  SimRefund,
  SimSubscription,
} from './store/records.js';
import { createRefund } from './store/refunds.js';
import { saveToken } from './store/save.js';
import type { ShopifyState } from './store/state.js';
import type { SimDelivery } from './webhooks/delivery-records.js';
import type { DeliveryEngine } from './webhooks/engine.js';
import { restOrder } from './webhooks/payload-order.js';
import { createSubscription, deleteSubscription } from './webhooks/subscriptions.js';
import { currentVersion } from './core/api-versions.js';

/** Options of a subscription made through the handle or admin API. */
export interface SubscribeOptions {
  includeFields?: string[];
  apiVersion?: string;
}

/** Webhook delivery controls. */
export interface DeliveryControls {
  /** Sends every delivery due now; resolves when done. */
  flush(): Promise<void>;
  /** Moves the clock from due time to due time until nothing is scheduled (retries included). */
  drain(maxSteps?: number): Promise<void>;
  /** The delivery log. */
  list(): SimDelivery[];
}

/** What tests and the runtime hold on to besides the app. */
export interface ShopifySimulatorHandle {
  /** Live state (replaced by `reset`, so read it through the handle each time). */
  readonly state: ShopifyState;
  /** Live settings; mutate to change behaviour between requests. */
  readonly settings: ShopifySimulatorSettings;
  readonly credentials: ShopifyCredentials;
  /** Current simulated time (epoch ms). */
  now(): number;
  /** Forgets every record, token, subscription and delivery; settings are kept. */
  reset(): void;
  /** Moves simulated time forward (token expiry, bucket refill, webhook retries). */
  advanceClock(ms: number): void;
  /** Invalidates every token granted through the client-credentials grant. */
  expireTokens(): void;
  createCustomer(input: Json): SimCustomer;
  createOrder(input: Json): SimOrder;
  cancelOrder(orderId: string, input?: Json): SimOrder;
  voidAuthorization(orderId: string): SimOrder;
  /** Records a manual payment (`amount` decimal text, default the outstanding amount). */
  addPayment(orderId: string, input?: Json): SimOrder;
  createRefund(orderId: string, input: Json): SimRefund;
  createDispute(orderId: string, input?: Json): SimDispute;
  updateDispute(disputeId: string, input: Json): SimDispute;
  /** Subscribes a callback URL to a topic (`orders/create` or `ORDERS_CREATE`). */
  subscribe(topic: string, uri: string, options?: SubscribeOptions): SimSubscription;
  unsubscribe(subscriptionId: string): boolean;
  /** An order as REST JSON text (ids as bare integers), as webhooks carry it. */
  restOrderJson(orderId: string): string;
  deliveries: DeliveryControls;
}

/** Builds the handle over a simulator's context. */
export function createHandle(
  sim: ShopContext,
  engine: DeliveryEngine,
  control: { reset(): void; advanceClock(ms: number): void },
): ShopifySimulatorHandle {
  const order = (id: string) => {
    const found = sim.state.orders.get(id);
    if (!found) throw InputError.of('order_id', 'does not exist');
    return found;
  };
  return {
    get state() {
      return sim.state;
    },
    settings: sim.settings,
    credentials: sim.credentials,
    now: () => sim.now(),
    reset: control.reset,
    advanceClock: control.advanceClock,
    expireTokens: () => {
      const tokens = [...sim.state.tokens.keys()];
      sim.state.tokens.clear();
      for (const token of tokens) saveToken(sim, token);
    },
    createCustomer: (input) => createCustomer(sim, input),
    createOrder: (input) => createOrder(sim, input),
    cancelOrder: (id, input = {}) => cancelOrder(sim, order(id), input),
    voidAuthorization: (id) => {
      voidAuthorization(sim, order(id));
      return order(id);
    },
    addPayment: (id, input = {}) => {
      const target = order(id);
      const amount = moneyAt(input, 'amount', target.currency, {});
      if (input.amount !== undefined && amount === null)
        throw InputError.of('amount', 'is invalid');
      const errors = createManualPayment(sim, target, {
        ...(amount === null ? {} : { amountMinor: amount }),
        paymentMethodName: stringAt(input, 'gateway'),
      });
      if (errors.length > 0) throw InputError.of('amount', errors[0]!.message);
      return target;
    },
    createRefund: (id, input) => createRefund(sim, order(id), input),
    createDispute: (id, input = {}) => createDispute(sim, order(id), input),
    updateDispute: (id, input) => {
      const dispute = sim.state.disputes.get(id);
      if (!dispute) throw InputError.of('dispute_id', 'does not exist');
      return updateDispute(sim, dispute, input);
    },
    subscribe: (topic, uri, options = {}) => {
      const result = createSubscription(sim, {
        topic,
        uri,
        includeFields: options.includeFields ?? null,
        apiVersion: options.apiVersion ?? sim.settings.webhookApiVersion ?? currentVersion(sim),
      });
      if (!result.subscription) {
        const errors: Record<string, string[]> = {};
        for (const e of result.userErrors)
          (errors[e.field?.at(-1) ?? 'base'] ??= []).push(e.message);
        throw new InputError(errors);
      }
      return result.subscription;
    },
    unsubscribe: (id) => deleteSubscription(sim, id),
    restOrderJson: (id) => stringifyJson(restOrder(sim, order(id))),
    deliveries: {
      flush: () => engine.flush(),
      drain: (maxSteps) => engine.drain(maxSteps),
      list: () => sim.state.deliveries,
    },
  };
}

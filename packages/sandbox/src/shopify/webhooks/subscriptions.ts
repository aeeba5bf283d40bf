/**
 * Creating and deleting webhook subscriptions, shared by `webhookSubscriptionCreate` and the admin
 * API. Duplicate topic + address pairs are refused as Shopify refuses them; `http://` addresses
 * are accepted unless `requireHttpsCallbacks` (real Shopify wants HTTPS, local receivers cannot).
 * Only JSON over HTTP(S) is delivered: Pub/Sub, EventBridge and XML are not simulated.
 * @module
 */
import type { ShopContext } from '../context.js';
import { wholeSeconds } from '../core/time.js';
import type { UserError } from '../store/order-update.js';
import type { SimSubscription } from '../store/records.js';
import { topicFromText } from './topics.js';
import { saveSubscription } from '../store/save.js';

/** What a new subscription needs. */
export interface SubscriptionInput {
  topic: string;
  uri: string;
  format?: string | null;
  includeFields?: string[] | null;
  metafieldNamespaces?: string[] | null;
  filter?: string | null;
  apiVersion: string;
  /** Field path prefix of user errors, e.g. `['webhookSubscription']`. */
  fieldPrefix?: string[];
  /** Name of the address field in user errors (`uri` or `callbackUrl`). */
  uriField?: string;
}

/** Result of creating a subscription. */
export interface SubscriptionResult {
  subscription: SimSubscription | null;
  userErrors: UserError[];
}

function checkUri(sim: ShopContext, uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'Address is invalid';
  }
  if (url.protocol === 'http:' && sim.settings.requireHttpsCallbacks) {
    return 'Address protocol http:// is not supported';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `Address protocol ${url.protocol}// is not supported by the simulator`;
  }
  return null;
}

/** Creates a subscription, or answers user errors. */
export function createSubscription(sim: ShopContext, input: SubscriptionInput): SubscriptionResult {
  const prefix = input.fieldPrefix ?? [];
  const fail = (field: string, message: string): SubscriptionResult => ({
    subscription: null,
    userErrors: [{ field: [...prefix, field], message }],
  });
  const topic = topicFromText(input.topic);
  if (!topic)
    return { subscription: null, userErrors: [{ field: ['topic'], message: 'Topic is invalid' }] };
  const uriField = input.uriField ?? 'uri';
  const problem = checkUri(sim, input.uri);
  if (problem) return fail(uriField, problem);
  if ((input.format ?? 'JSON') !== 'JSON') {
    return fail('format', 'Only JSON deliveries are supported by the simulator');
  }
  const taken = [...sim.state.subscriptions.values()].some(
    (s) => s.topic === topic && s.uri === input.uri,
  );
  if (taken) return fail(uriField, 'Address for this topic has already been taken');
  const now = wholeSeconds(sim.now());
  const subscription: SimSubscription = {
    resource: 'WebhookSubscription',
    id: sim.state.ids.take(),
    topic,
    uri: input.uri,
    format: 'JSON',
    includeFields: input.includeFields ?? [],
    metafieldNamespaces: input.metafieldNamespaces ?? [],
    filter: input.filter ?? null,
    apiVersion: input.apiVersion,
    createdAt: now,
    updatedAt: now,
  };
  sim.state.subscriptions.set(subscription.id, subscription);
  saveSubscription(sim, subscription.id);
  return { subscription, userErrors: [] };
}

/** Deletes a subscription; `false` when there was none. */
export function deleteSubscription(sim: ShopContext, id: string): boolean {
  const deleted = sim.state.subscriptions.delete(id);
  if (deleted) saveSubscription(sim, id);
  return deleted;
}

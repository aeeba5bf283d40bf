/**
 * The shared pieces every module of the Shopify simulator works on: state, settings, clock,
 * credentials and the event sink that turns store changes into webhooks. One object, passed to
 * each factory, so modules stay small and share no globals.
 * @module
 */
import type { Persistence } from '../persistence/persistence.js';
import type { ShopifySimulatorSettings } from './settings.js';
import type { WebhookTopic } from './store/records.js';
import type { ShopifyState } from './store/state.js';

/** The app and store credentials the simulator accepts and signs with. */
export interface ShopifyCredentials {
  /** The `*.myshopify.com` domain (`X-Shopify-Shop-Domain`, `shop.myshopifyDomain`). */
  shopDomain: string;
  /** Static Admin API access tokens (`shpat_…`), valid until the simulator stops. */
  accessTokens: string[];
  /** Client id for the client-credentials grant. */
  clientId: string;
  /** Client secret for the grant; also the webhook signing key unless `webhookSecret` differs. */
  clientSecret: string;
  /** Key of `X-Shopify-Hmac-Sha256` (Shopify: the app's client secret). */
  webhookSecret: string;
}

/** Where store changes are announced; the webhook module turns them into deliveries. */
export interface EventSink {
  /**
   * Announces that `topic` happened to a resource. `eventId` groups deliveries caused by one
   * merchant action (pass the same id for e.g. `orders/paid` and `orders/updated`).
   */
  emit(topic: WebhookTopic, resourceId: string, eventId?: string): void;
  /** A new event id (for grouping several topics of one action). */
  newEventId(): string;
}

/** Everything a module needs. `state` is replaced wholesale on reset. */
export interface ShopContext {
  state: ShopifyState;
  settings: ShopifySimulatorSettings;
  credentials: ShopifyCredentials;
  /** Current simulated time in epoch ms (injected clock plus admin offset). */
  now(): number;
  events: EventSink;
  /** Where state changes go (memory, or the host's durable store). */
  persistence: Persistence;
}

/**
 * The Shopify webhook topics Paybridge subscribes flows to, in Shopify's slash form (the
 * `X-Shopify-Topic` header value). Browser-safe.
 *
 * @module
 */
import { z } from 'zod';

export const SHOPIFY_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/paid',
  'refunds/create',
  'disputes/create',
  'disputes/update',
] as const;

/** A webhook topic a Shopify trigger can listen to. */
export const ShopifyTopic = z.enum(SHOPIFY_TOPICS);
export type ShopifyTopic = z.infer<typeof ShopifyTopic>;

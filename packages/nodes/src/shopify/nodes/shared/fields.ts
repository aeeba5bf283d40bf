/**
 * Config fields the Shopify nodes share, declared once so every node labels and validates them
 * the same way. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';
import { resourceIdField } from '../../ids';

/** The connection field of every Shopify node. */
export const connectionIdField = z
  .string()
  .meta({ title: 'Shopify store', description: 'A Shopify connection.', widget: 'connection' });

/** The connection spec every Shopify action node declares. */
export const SHOPIFY_CONNECTION = { type: 'shopify', field: 'connectionId' } as const;

/** An order id: `gid://shopify/Order/<n>` or the number as text. Parses to the global id. */
export const orderIdField = resourceIdField('Order').meta({
  title: 'Order',
  description:
    "The order's global id or its number as text, e.g. `=$trigger.body.id` (ids exceed 2^53: keep them strings).",
  placeholder: 'gid://shopify/Order/450789469',
});

/** Ports of Shopify action nodes: refusals (not found, userErrors) can go to `error`. */
export const SHOPIFY_PORTS = { inputs: ['in'], outputs: ['out', 'error'] } as const;

/** A Shopify tag: 1–255 characters, no commas (Shopify splits tag text on commas). */
export const tagField = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((tag) => !tag.includes(','), 'a tag cannot contain a comma');

/**
 * Where the ERP nodes' default mappings find the Shopify resource they post. A node placed right
 * after a Shopify trigger receives the event (`{ topic, shopDomain, …, body }`); placed after a
 * PayTrace or another ERP node it receives that node's output, and the resource is the trigger's
 * `body`; a flow that maps the resource itself (a REST trigger, a map node) hands it over as is.
 * One JSONata prelude per resource, so every default reads it the same way. Browser-safe.
 *
 * @module
 */

/**
 * JSONata that binds `$name` to the resource: the input when it has `field` (the resource
 * itself), else the input's `body` when the input is a Shopify event, else the trigger's `body`
 * (a Shopify or REST trigger), else the trigger itself (a manual trigger carrying the resource).
 */
export function shopifyResource(name: string, field: string): string {
  return `$${name} := $exists(${field}) ? $ : ($exists(topic) and $exists(body.${field})) ? body : $exists($trigger.body) ? $trigger.body : $trigger;`;
}

/** `$order`: a Shopify order (`orders/*` webhooks), recognised by its `line_items`. */
export const ORDER_SOURCE = shopifyResource('order', 'line_items');

/** `$refund`: a Shopify refund (`refunds/create`), recognised by its `order_id` and `transactions`. */
export const REFUND_SOURCE = `$refund := ($exists(order_id) and $exists(transactions)) ? $ : ($exists(topic) and $exists(body.order_id)) ? body : $exists($trigger.body) ? $trigger.body : $trigger;`;

/** `$dispute`: a Shopify dispute (`disputes/*`), recognised by its `initiated_at`. */
export const DISPUTE_SOURCE = shopifyResource('dispute', 'initiated_at');

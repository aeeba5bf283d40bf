import type { Sql } from '../../db/client';

/**
 * Remembers the gateways a Shopify order names (`payment_gateway_names`), for every order event
 * whether or not a flow takes it: a refund arriving later names only `manual` when its order was
 * charged through PayTrace and marked paid, and the gateway filter then reads the order's names
 * from here. Names only grow (a later payment through another gateway adds one), so the stored
 * list is the union of what was seen; an event adding nothing writes nothing.
 */
export async function recordOrderGateways(
  sql: Sql,
  connectionId: string,
  topic: string,
  body: Record<string, unknown>,
): Promise<void> {
  if (!topic.startsWith('orders/')) return;
  const id = body.id;
  const names = body.payment_gateway_names;
  if ((typeof id !== 'string' && typeof id !== 'number') || !Array.isArray(names)) return;
  const gateways = [...new Set(names.filter((n): n is string => typeof n === 'string'))];
  await sql`
    insert into shopify_order_gateways (connection_id, order_id, gateway_names)
    values (${connectionId}, ${String(id)}, ${gateways}::text[])
    on conflict (connection_id, order_id) do update
      set gateway_names = array(
            select distinct unnest(shopify_order_gateways.gateway_names || excluded.gateway_names)),
          updated_at = now()
      where not shopify_order_gateways.gateway_names @> excluded.gateway_names`;
}

/** The gateways an order named when Paybridge last saw it, or null for an order never seen. */
export async function orderGatewaysOf(
  sql: Sql,
  connectionId: string,
  orderId: string,
): Promise<string[] | null> {
  const [row] = await sql<{ gateway_names: string[] }[]>`
    select gateway_names from shopify_order_gateways
    where connection_id = ${connectionId} and order_id = ${orderId}`;
  return row ? row.gateway_names : null;
}

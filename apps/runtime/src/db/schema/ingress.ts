import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { connections } from './connections';

/**
 * Deliveries that were authentic and well formed but started nothing: no active flow takes the
 * topic, or every flow that does filtered it out (by payment gateway). The sender was answered
 * 2xx, so this table is where an operator sees why an order or refund ran nothing, and how often.
 * One row per delivery (a redelivery of the same id is not counted twice).
 */
export const unmatchedEvents = pgTable(
  'unmatched_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** As `events.source`, e.g. `shopify:<connection id>`. */
    source: text('source').notNull(),
    connectionId: uuid('connection_id'),
    topic: text('topic').notNull(),
    deliveryId: text('delivery_id').notNull(),
    /** The resource the event is about (a Shopify order or refund id). */
    resourceId: text('resource_id'),
    /** `no-active-flow`, `no-flow-for-topic` or `gateway-filtered`. */
    reason: text('reason').notNull(),
    message: text('message').notNull(),
    /** For `gateway-filtered`: each flow's wanted gateways and what the event named. */
    details: jsonb('details'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('unmatched_events_delivery_uq').on(t.source, t.deliveryId),
    index('unmatched_events_received_idx').on(t.receivedAt.desc()),
  ],
);

/**
 * The payment gateways each Shopify order named when it was last seen (`payment_gateway_names`),
 * recorded for every order event whether or not a flow took it. A refund names only the gateway
 * its money went back through, which is `manual` for an order Paybridge charged through PayTrace
 * and then marked paid; its order's gateways recorded here tell the gateway filter it was PayTrace.
 */
export const shopifyOrderGateways = pgTable(
  'shopify_order_gateways',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    gatewayNames: text('gateway_names')
      .array()
      .notNull()
      .default(sql`'{}'`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.orderId] })],
);

/**
 * One shared token bucket per rate-limited trigger (`rest:<path>`, `shopify:<connection id>`),
 * so every API process draws on the same allowance. Processes take tokens in small leases (one
 * statement per lease, not per request); `granted` is what the last statement handed out.
 */
export const ingressRateBuckets = pgTable('ingress_rate_buckets', {
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  granted: integer('granted').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { MAX_PAGE_SIZE } from '../../graphql/orders';
import { connectionIdField, SHOPIFY_CONNECTION, SHOPIFY_PORTS } from '../shared/fields';
import { ShopifyOrderSummary } from '../shared/outputs';

/** The most orders one execution collects; more is a job for cursors over several runs. */
export const MAX_ORDERS_PER_RUN = 10_000;

/** What list-orders emits. */
export const ShopifyOrderList = z.object({
  orders: z.array(ShopifyOrderSummary),
  count: z.int(),
  /** More orders match than were collected (the maximum was reached). */
  hasMore: z.boolean(),
  /** Pass as **After cursor** to continue where this list ended; `null` when nothing was read. */
  endCursor: z.string().nullable(),
});
export type ShopifyOrderList = z.infer<typeof ShopifyOrderList>;

/** Lists orders changed since a time, oldest change first, following Shopify's cursors. */
export const shopifyListOrdersNode = defineNode({
  type: 'shopify.list-orders',
  version: 1,
  kind: 'action',
  title: 'List orders',
  description: 'List orders updated since a time, page by page, up to a maximum.',
  category: 'shopify',
  icon: 'list',
  config: z.object({
    connectionId: connectionIdField,
    updatedSince: z.iso.datetime({ offset: true }).optional().meta({
      title: 'Updated since',
      description: 'Orders whose last change is at or after this time (ISO 8601).',
      widget: 'date-time',
    }),
    query: z.string().max(1000).optional().meta({
      title: 'Search',
      description:
        "More filters in Shopify's search syntax, joined with AND, e.g. `financial_status:pending tag_not:paytrace-declined`.",
    }),
    pageSize: z
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE)
      .default(100)
      .meta({
        title: 'Page size',
        description: `Orders per request (at most ${MAX_PAGE_SIZE}).`,
      }),
    maxOrders: z.int().min(1).max(MAX_ORDERS_PER_RUN).default(250).meta({
      title: 'Maximum orders',
      description: 'Stop after this many; `hasMore` and `endCursor` tell where to continue.',
    }),
    after: z.string().max(1000).optional().meta({
      title: 'After cursor',
      description: "Continue after a previous list's `endCursor`.",
    }),
  }),
  output: ShopifyOrderList,
  ports: SHOPIFY_PORTS,
  effects: false,
  connection: SHOPIFY_CONNECTION,
  docs: `Reads orders sorted by last update (oldest first), following Shopify's cursors page by
page until **Maximum orders** or the end. For reconciliation: run on a schedule with **Updated
since** set to the previous run's time, or keep \`endCursor\` and pass it as **After cursor**.

Each order is a summary (status, total, tags, note, gateways); use **Get order** for
transactions and metafields. Orders older than 60 days are visible only with the
\`read_all_orders\` scope.`,
});

/** List-orders settings after defaults. */
export type ShopifyListOrdersConfig = z.infer<typeof shopifyListOrdersNode.config>;

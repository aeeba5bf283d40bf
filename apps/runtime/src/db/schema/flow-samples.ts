import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { flows } from './flows';

/**
 * Sample payloads pinned on a flow's nodes (usually its trigger), which the editor previews
 * mappings and starts test runs with. They live with the flow rather than in a browser so that
 * everyone editing the flow sees the same sample; they are not versioned, like a draft.
 */
export const flowSamples = pgTable(
  'flow_samples',
  {
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    payload: jsonb('payload').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.nodeId] })],
);

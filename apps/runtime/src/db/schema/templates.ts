import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { flows } from './flows';

/**
 * Which flow a template install created, and with which connections: a second install of the
 * same template with the same connections answers that flow instead of creating another live
 * copy (`copy` rows are the inactive copies asked for on purpose).
 */
export const templateInstalls = pgTable(
  'template_installs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: text('template_id').notNull(),
    /** The slot -> connection choice, as canonical text (sorted slots). */
    connectionsKey: text('connections_key').notNull(),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    copy: boolean('copy').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('template_installs_lookup_idx').on(t.templateId, t.connectionsKey)],
);

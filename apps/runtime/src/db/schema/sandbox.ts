import { json, numeric, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * State of the built-in simulators (sandbox mode), in a schema of its own so it never mixes with
 * Paybridge's tables and can be dropped to reset the sandbox.
 */
export const sandboxSchema = pgSchema('sandbox');

/**
 * One simulator record (a PayTrace transaction, a Shopify order, …) as JSON text (`json`, not
 * `jsonb`: written and read as is, and free text holding \u0000 is accepted), by kind and key.
 */
export const sandboxRecords = sandboxSchema.table(
  'records',
  {
    simulator: text('simulator').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    data: json('data').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.simulator, t.kind, t.key] })],
);

/**
 * How far each simulator id sequence was reserved: ids are handed out only below `reserved_to`,
 * so after a crash a simulator continues above it and never issues an id twice.
 */
export const sandboxSequences = sandboxSchema.table(
  'sequences',
  {
    simulator: text('simulator').notNull(),
    name: text('name').notNull(),
    reservedTo: numeric('reserved_to', { precision: 20, scale: 0 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.simulator, t.name] })],
);

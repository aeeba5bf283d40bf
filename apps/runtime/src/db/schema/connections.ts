import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A secret value at rest: AES-256-GCM under the master key named by `kid`, with the connection id
 * as associated data so a ciphertext moved to another row does not decrypt.
 */
export interface SealedValue {
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

/** Credentials for a service. Non-secret fields are stored as they are, secret ones sealed. */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    secrets: jsonb('secrets').$type<Record<string, SealedValue>>().notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('connections_type_idx').on(t.type)],
);

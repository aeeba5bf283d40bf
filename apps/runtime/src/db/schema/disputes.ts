import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Chargeback cases: one per processor case number (`case_key`), whichever intake reported it
 * first; later reports of the same case only add their channel and timeline entries. The ledger's
 * own dispute (posting and reserve) is `erp_ref` in the ERP; the evidence packet is kept here so
 * the API can serve it.
 */
export const disputeCases = pgTable(
  'dispute_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseKey: text('case_key').notNull(),
    processor: text('processor').notNull(),
    caseNumber: text('case_number').notNull(),
    kind: text('kind').notNull().default('chargeback'),
    channels: text('channels')
      .array()
      .notNull()
      .default(sql`'{}'`),
    status: text('status')
      .$type<'open' | 'evidence_submitted' | 'won' | 'lost'>()
      .notNull()
      .default('open'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    reasonCode: text('reason_code'),
    reason: text('reason'),
    orderRef: text('order_ref'),
    orderName: text('order_name'),
    transactionId: text('transaction_id'),
    cardLast4: text('card_last4'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    evidenceDueBy: date('evidence_due_by', { mode: 'string' }),
    erpRef: text('erp_ref').notNull(),
    packetJson: jsonb('packet_json'),
    packetPdf: bytea('packet_pdf'),
    packetAt: timestamp('packet_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dispute_cases_key_uq').on(t.caseKey),
    index('dispute_cases_due_idx').on(t.evidenceDueBy, t.id),
    index('dispute_cases_opened_idx').on(t.openedOn),
    check('dispute_cases_amount_positive', sql`${t.amountMinor} > 0`),
    check(
      'dispute_cases_status',
      sql`${t.status} in ('open', 'evidence_submitted', 'won', 'lost')`,
    ),
  ],
);

/** A case's timeline: intake reports, postings, packet, notifications, reminders, runs. */
export const disputeCaseEvents = pgTable(
  'dispute_case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => disputeCases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    channel: text('channel'),
    summary: text('summary').notNull(),
    runId: uuid('run_id'),
    detail: jsonb('detail'),
  },
  (t) => [index('dispute_case_events_case_idx').on(t.caseId, t.at)],
);

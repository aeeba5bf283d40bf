import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Paybridge's own history of payment attempts, read by the fraud score's velocity and
 * customer-history signals (`apps/runtime/src/fraud/history-sql.ts`). One row per Shopify order,
 * keyed by the fraud package's normalised keys; no card number, only masked card + vault id.
 * Chargebacks (from dispute cases) and refunds (from settled refund effects) are filled in by
 * triggers (migration 0029).
 */
export const fraudAttempts = pgTable(
  'fraud_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: text('order_id').notNull(),
    emailKey: text('email_key'),
    ipKey: text('ip_key'),
    cardKey: text('card_key'),
    addressKey: text('address_key'),
    deviceKey: text('device_key'),
    customerId: text('customer_id'),
    /** The customer's creation time as Shopify wrote it, else the order's. */
    firstSeenText: text('first_seen_text').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    approved: boolean('approved').notNull(),
    refunded: boolean('refunded').notNull().default(false),
    chargebackAt: timestamp('chargeback_at', { withTimezone: true }),
    /** The order's own time (Shopify's `created_at`), which the windows are measured from. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    runId: uuid('run_id'),
  },
  (t) => [
    uniqueIndex('fraud_attempts_order_uq').on(t.orderId),
    index('fraud_attempts_email_idx')
      .on(t.emailKey, t.createdAt)
      .where(sql`${t.emailKey} IS NOT NULL`),
    index('fraud_attempts_ip_idx')
      .on(t.ipKey, t.createdAt)
      .where(sql`${t.ipKey} IS NOT NULL`),
    index('fraud_attempts_card_idx')
      .on(t.cardKey, t.createdAt)
      .where(sql`${t.cardKey} IS NOT NULL`),
    index('fraud_attempts_address_idx')
      .on(t.addressKey, t.createdAt)
      .where(sql`${t.addressKey} IS NOT NULL`),
    index('fraud_attempts_device_idx')
      .on(t.deviceKey, t.createdAt)
      .where(sql`${t.deviceKey} IS NOT NULL`),
    index('fraud_attempts_customer_idx')
      .on(t.customerId, t.createdAt, t.id)
      .where(sql`${t.approved} AND ${t.customerId} IS NOT NULL`),
    // The migration makes it covering (INCLUDE amount_minor, which drizzle cannot declare), so
    // the store median reads the latest approved amounts from the index alone.
    index('fraud_attempts_approved_idx')
      .on(t.createdAt)
      .where(sql`${t.approved}`),
  ],
);

/** Every score given, with the signals behind it; `label` makes it a training example. */
export const fraudScores = pgTable(
  'fraud_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id').notNull(),
    nodeId: text('node_id').notNull(),
    orderId: text('order_id').notNull(),
    orderName: text('order_name'),
    score: integer('score').notNull(),
    level: text('level').$type<'low' | 'elevated' | 'high'>().notNull(),
    reasons: jsonb('reasons').notNull(),
    features: jsonb('features').notNull(),
    history: jsonb('history').notNull(),
    paymentCheck: jsonb('payment_check'),
    ipCountry: text('ip_country'),
    orderJson: jsonb('order_json').notNull(),
    modelVersion: text('model_version').notNull(),
    label: text('label').$type<'fraud' | 'legit'>(),
    labelSource: text('label_source'),
    labelledAt: timestamp('labelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fraud_scores_step_uq').on(t.runId, t.nodeId),
    index('fraud_scores_order_idx').on(t.orderId),
    check('fraud_scores_score_range', sql`${t.score} between 0 and 99`),
    check('fraud_scores_level', sql`${t.level} in ('low', 'elevated', 'high')`),
    check('fraud_scores_label', sql`${t.label} is null or ${t.label} in ('fraud', 'legit')`),
  ],
);

/** Orders held by `fraud.review` until a person decides or the timeout's default applies. */
export const fraudReviews = pgTable(
  'fraud_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scoreId: uuid('score_id').references(() => fraudScores.id, { onDelete: 'set null' }),
    runId: uuid('run_id').notNull(),
    nodeId: text('node_id').notNull(),
    orderId: text('order_id').notNull(),
    status: text('status')
      .$type<'waiting' | 'approved' | 'rejected'>()
      .notNull()
      .default('waiting'),
    timeoutAction: text('timeout_action').$type<'approve' | 'reject'>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    note: text('note'),
    timedOut: boolean('timed_out').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fraud_reviews_step_uq').on(t.runId, t.nodeId),
    index('fraud_reviews_queue_idx').on(t.status, t.createdAt),
    check('fraud_reviews_status', sql`${t.status} in ('waiting', 'approved', 'rejected')`),
    check('fraud_reviews_timeout_action', sql`${t.timeoutAction} in ('approve', 'reject')`),
  ],
);

/**
 * Fraud model versions retrained on the merchant's labels (`fraud/model-versions.ts`). At most one
 * is active; none active means the shipped model scores.
 */
export const fraudModels = pgTable(
  'fraud_models',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    version: text('version').notNull(),
    artefact: jsonb('artefact').notNull(),
    /** The candidate's and the replaced model's figures on the same held-out period. */
    figures: jsonb('figures').notNull(),
    provenance: jsonb('provenance').notNull(),
    active: boolean('active').notNull().default(false),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    activatedBy: text('activated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fraud_models_version_uq').on(t.version),
    uniqueIndex('fraud_models_one_active_uq')
      .on(t.active)
      .where(sql`${t.active}`),
  ],
);

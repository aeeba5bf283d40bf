-- Bank statements imported for the deposit match (CSV, OFX, camt.053); re-importing adds nothing.
CREATE TABLE "reconciliation_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account" text DEFAULT 'default' NOT NULL,
	"filename" text,
	"format" text NOT NULL,
	"line_count" integer DEFAULT 0 NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text,
	CONSTRAINT "reconciliation_statements_format" CHECK ("reconciliation_statements"."format" in ('csv','ofx','camt053'))
);
--> statement-breakpoint
CREATE TABLE "reconciliation_bank_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"account" text DEFAULT 'default' NOT NULL,
	"booked_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"line_hash" text NOT NULL,
	CONSTRAINT "reconciliation_bank_lines_account_hash_uq" UNIQUE("account","line_hash")
);
--> statement-breakpoint
ALTER TABLE "reconciliation_bank_lines" ADD CONSTRAINT "reconciliation_bank_lines_statement_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."reconciliation_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Deposits are looked up by account and day (the batch's date window).
CREATE INDEX "reconciliation_bank_lines_day_idx" ON "reconciliation_bank_lines" USING btree ("account","booked_on");--> statement-breakpoint
-- One reconciliation of a date range (a scheduled day, or on demand): its progress and outcome.
CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection" text DEFAULT '' NOT NULL,
	"flow_id" uuid,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"flow_run_id" uuid,
	"requested_by" text,
	"summary" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "reconciliation_runs_status" CHECK ("reconciliation_runs"."status" in ('queued','running','succeeded','failed')),
	CONSTRAINT "reconciliation_runs_range" CHECK ("reconciliation_runs"."from_date" <= "reconciliation_runs"."to_date")
);
--> statement-breakpoint
CREATE INDEX "reconciliation_runs_created_idx" ON "reconciliation_runs" USING btree ("created_at");--> statement-breakpoint
-- PayTrace settlement batches as fetched, with what was expected of them and what was posted.
CREATE TABLE "reconciliation_batches" (
	"connection" text NOT NULL,
	"batch_number" bigint NOT NULL,
	"business_date" date NOT NULL,
	"closed_at" timestamp with time zone,
	"currency" char(3) NOT NULL,
	"transaction_count" integer DEFAULT 0 NOT NULL,
	"gross" bigint DEFAULT 0 NOT NULL,
	"refunds" bigint DEFAULT 0 NOT NULL,
	"net" bigint DEFAULT 0 NOT NULL,
	"fees_expected" bigint DEFAULT 0 NOT NULL,
	"fees_processor" bigint,
	"deposit_amount" bigint,
	"deposit_line_id" uuid,
	"journal_ref" text,
	"journal_id" text,
	"posted_at" timestamp with time zone,
	"run_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconciliation_batches_pk" PRIMARY KEY("connection","batch_number")
);
--> statement-breakpoint
CREATE INDEX "reconciliation_batches_day_idx" ON "reconciliation_batches" USING btree ("connection","business_date");--> statement-breakpoint
-- Settled PayTrace transactions staged for set-based matching (sales and refunds, positive amounts).
CREATE TABLE "reconciliation_transactions" (
	"connection" text NOT NULL,
	"transaction_id" text NOT NULL,
	"batch_number" bigint NOT NULL,
	"business_date" date NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"invoice_id" text DEFAULT '' NOT NULL,
	"brand" text DEFAULT '' NOT NULL,
	"fee_expected" bigint DEFAULT 0 NOT NULL,
	"fee_processor" bigint,
	"settled_at" timestamp with time zone,
	CONSTRAINT "reconciliation_transactions_pk" PRIMARY KEY("connection","transaction_id"),
	CONSTRAINT "reconciliation_transactions_kind" CHECK ("reconciliation_transactions"."kind" in ('sale','refund')),
	CONSTRAINT "reconciliation_transactions_amount" CHECK ("reconciliation_transactions"."amount" >= 0)
);
--> statement-breakpoint
CREATE INDEX "reconciliation_transactions_day_idx" ON "reconciliation_transactions" USING btree ("connection","business_date");--> statement-breakpoint
CREATE INDEX "reconciliation_transactions_invoice_idx" ON "reconciliation_transactions" USING btree ("connection","invoice_id","amount");--> statement-breakpoint
CREATE INDEX "reconciliation_transactions_batch_idx" ON "reconciliation_transactions" USING btree ("connection","batch_number");--> statement-breakpoint
-- Shopify orders of the reconciled days, read in bulk with their PayTrace transaction id metafield.
CREATE TABLE "reconciliation_shopify_orders" (
	"connection" text NOT NULL,
	"order_id" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"transaction_id" text,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reconciliation_shopify_orders_pk" PRIMARY KEY("connection","order_id")
);
--> statement-breakpoint
CREATE INDEX "reconciliation_shopify_orders_tx_idx" ON "reconciliation_shopify_orders" USING btree ("transaction_id");--> statement-breakpoint
-- Every difference found, once per business fact (item_key); operators resolve them with a note.
CREATE TABLE "reconciliation_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection" text NOT NULL,
	"item_key" text NOT NULL,
	"business_date" date NOT NULL,
	"batch_number" bigint,
	"kind" text NOT NULL,
	"transaction_id" text,
	"invoice_id" text,
	"erp_ref" text,
	"expected" bigint,
	"actual" bigint,
	"currency" char(3) NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"document_ref" text,
	"run_id" uuid,
	"flow_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconciliation_items_key_uq" UNIQUE("connection","item_key"),
	CONSTRAINT "reconciliation_items_status" CHECK ("reconciliation_items"."status" in ('open','resolved')),
	CONSTRAINT "reconciliation_items_kind" CHECK ("reconciliation_items"."kind" in ('not_booked','not_settled','amount_mismatch','refund_without_credit_memo','duplicate_booking','fee_difference','deposit_missing','deposit_short','not_in_shopify'))
);
--> statement-breakpoint
CREATE INDEX "reconciliation_items_day_idx" ON "reconciliation_items" USING btree ("business_date","kind","status");--> statement-breakpoint
CREATE INDEX "reconciliation_items_batch_idx" ON "reconciliation_items" USING btree ("connection","batch_number");--> statement-breakpoint
-- Per-day totals side by side, rewritten by each reconciliation of the day.
CREATE TABLE "reconciliation_days" (
	"connection" text NOT NULL,
	"business_date" date NOT NULL,
	"currency" char(3) NOT NULL,
	"paytrace_gross" bigint DEFAULT 0 NOT NULL,
	"paytrace_refunds" bigint DEFAULT 0 NOT NULL,
	"paytrace_net" bigint DEFAULT 0 NOT NULL,
	"fees" bigint DEFAULT 0 NOT NULL,
	"erp_payments" bigint DEFAULT 0 NOT NULL,
	"erp_credit_memos" bigint DEFAULT 0 NOT NULL,
	"shopify_paid" bigint,
	"bank_deposit" bigint,
	"variance" bigint DEFAULT 0 NOT NULL,
	"open_items" integer DEFAULT 0 NOT NULL,
	"batch_count" integer DEFAULT 0 NOT NULL,
	"run_id" uuid,
	"flow_run_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconciliation_days_pk" PRIMARY KEY("connection","business_date")
);
--> statement-breakpoint
CREATE INDEX "reconciliation_days_date_idx" ON "reconciliation_days" USING btree ("business_date");--> statement-breakpoint
-- The PayTrace transaction a ledger document names: `paytrace-<id>` (as the posting nodes write
-- it), `paytrace-<id>-<suffix>`, or the bare reference. Stored, so matching reads it without
-- parsing; the ERP side of a day is read by document date (the day's window).
ALTER TABLE "ledger"."payments" ADD COLUMN "paytrace_ref" text GENERATED ALWAYS AS (coalesce(substring("external_ref" from '^paytrace-([^-:#/]+)'), "external_ref")) STORED;--> statement-breakpoint
ALTER TABLE "ledger"."credit_memos" ADD COLUMN "paytrace_ref" text GENERATED ALWAYS AS (coalesce(substring("external_ref" from '^paytrace-([^-:#/]+)'), "external_ref")) STORED;--> statement-breakpoint
CREATE INDEX "ledger_payments_paytrace_ref_idx" ON "ledger"."payments" USING btree ("paytrace_ref");--> statement-breakpoint
CREATE INDEX "ledger_credit_memos_paytrace_ref_idx" ON "ledger"."credit_memos" USING btree ("paytrace_ref");--> statement-breakpoint
CREATE INDEX "ledger_payments_txn_date_idx" ON "ledger"."payments" USING btree ("txn_date");--> statement-breakpoint
CREATE INDEX "ledger_credit_memos_txn_date_idx" ON "ledger"."credit_memos" USING btree ("txn_date");

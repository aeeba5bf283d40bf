CREATE SCHEMA "ledger";
--> statement-breakpoint
CREATE TABLE "ledger"."accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"role" text,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_code_unique" UNIQUE("code"),
	CONSTRAINT "accounts_role_unique" UNIQUE("role")
);
--> statement-breakpoint
CREATE TABLE "ledger"."credit_memos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_ref" text NOT NULL,
	"fingerprint" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid,
	"currency" text NOT NULL,
	"txn_date" date NOT NULL,
	"subtotal" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"shipping" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"total" bigint NOT NULL,
	"applied" bigint NOT NULL,
	"refunded" bigint NOT NULL,
	"memo" text,
	"journal_id" uuid,
	"refund_journal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_memos_external_ref_unique" UNIQUE("external_ref"),
	CONSTRAINT "ledger_credit_memos_split" CHECK ("ledger"."credit_memos"."applied" >= 0 and "ledger"."credit_memos"."refunded" >= 0 and "ledger"."credit_memos"."applied" + "ledger"."credit_memos"."refunded" <= "ledger"."credit_memos"."total")
);
--> statement-breakpoint
CREATE TABLE "ledger"."customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_ref" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"shopify_customer_id" text,
	"paytrace_customer_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_external_ref_unique" UNIQUE("external_ref")
);
--> statement-breakpoint
CREATE TABLE "ledger"."disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_ref" text NOT NULL,
	"fingerprint" text NOT NULL,
	"customer_id" uuid,
	"invoice_id" uuid,
	"transaction_ref" text,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"evidence_due_by" date,
	"memo" text,
	"open_journal_id" uuid NOT NULL,
	"close_journal_id" uuid,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disputes_external_ref_unique" UNIQUE("external_ref"),
	CONSTRAINT "ledger_disputes_positive" CHECK ("ledger"."disputes"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger"."document_lines" (
	"document_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_amount" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"sku" text,
	CONSTRAINT "document_lines_document_id_line_no_pk" PRIMARY KEY("document_id","line_no"),
	CONSTRAINT "ledger_document_lines_amount" CHECK ("ledger"."document_lines"."amount" = "ledger"."document_lines"."quantity" * "ledger"."document_lines"."unit_amount")
);
--> statement-breakpoint
CREATE TABLE "ledger"."invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_ref" text NOT NULL,
	"fingerprint" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"txn_date" date NOT NULL,
	"due_date" date,
	"subtotal" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"shipping" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"total" bigint NOT NULL,
	"open_balance" bigint NOT NULL,
	"memo" text,
	"journal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_external_ref_unique" UNIQUE("external_ref"),
	CONSTRAINT "ledger_invoices_total" CHECK ("ledger"."invoices"."total" = "ledger"."invoices"."subtotal" + "ledger"."invoices"."tax" + "ledger"."invoices"."shipping" - "ledger"."invoices"."discount"),
	CONSTRAINT "ledger_invoices_balance" CHECK ("ledger"."invoices"."open_balance" between 0 and "ledger"."invoices"."total")
);
--> statement-breakpoint
CREATE TABLE "ledger"."journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"external_ref" text,
	"fingerprint" text,
	"source" text NOT NULL,
	"currency" text NOT NULL,
	"txn_date" date NOT NULL,
	"memo" text,
	"reverses_id" uuid,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_number_unique" UNIQUE("number"),
	CONSTRAINT "journal_entries_external_ref_unique" UNIQUE("external_ref"),
	CONSTRAINT "journal_entries_reverses_id_unique" UNIQUE("reverses_id")
);
--> statement-breakpoint
CREATE TABLE "ledger"."journal_lines" (
	"entry_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"account_id" bigint NOT NULL,
	"debit" bigint NOT NULL,
	"credit" bigint NOT NULL,
	"description" text,
	CONSTRAINT "journal_lines_entry_id_line_no_pk" PRIMARY KEY("entry_id","line_no"),
	CONSTRAINT "ledger_journal_lines_one_side" CHECK (("ledger"."journal_lines"."debit" > 0 and "ledger"."journal_lines"."credit" = 0) or ("ledger"."journal_lines"."credit" > 0 and "ledger"."journal_lines"."debit" = 0))
);
--> statement-breakpoint
CREATE TABLE "ledger"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_ref" text NOT NULL,
	"fingerprint" text NOT NULL,
	"invoice_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"txn_date" date NOT NULL,
	"memo" text,
	"journal_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_external_ref_unique" UNIQUE("external_ref"),
	CONSTRAINT "ledger_payments_positive" CHECK ("ledger"."payments"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "ledger"."credit_memos" ADD CONSTRAINT "credit_memos_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "ledger"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."credit_memos" ADD CONSTRAINT "credit_memos_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "ledger"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."credit_memos" ADD CONSTRAINT "credit_memos_journal_id_journal_entries_id_fk" FOREIGN KEY ("journal_id") REFERENCES "ledger"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."credit_memos" ADD CONSTRAINT "credit_memos_refund_journal_id_journal_entries_id_fk" FOREIGN KEY ("refund_journal_id") REFERENCES "ledger"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."disputes" ADD CONSTRAINT "disputes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "ledger"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."disputes" ADD CONSTRAINT "disputes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "ledger"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."disputes" ADD CONSTRAINT "disputes_open_journal_id_journal_entries_id_fk" FOREIGN KEY ("open_journal_id") REFERENCES "ledger"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."disputes" ADD CONSTRAINT "disputes_close_journal_id_journal_entries_id_fk" FOREIGN KEY ("close_journal_id") REFERENCES "ledger"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."invoices" ADD CONSTRAINT "invoices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "ledger"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."invoices" ADD CONSTRAINT "invoices_journal_id_journal_entries_id_fk" FOREIGN KEY ("journal_id") REFERENCES "ledger"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."journal_lines" ADD CONSTRAINT "journal_lines_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "ledger"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."journal_lines" ADD CONSTRAINT "journal_lines_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "ledger"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "ledger"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger"."payments" ADD CONSTRAINT "payments_journal_id_journal_entries_id_fk" FOREIGN KEY ("journal_id") REFERENCES "ledger"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_disputes_status_idx" ON "ledger"."disputes" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_disputes_close_uq" ON "ledger"."disputes" USING btree ("close_journal_id");--> statement-breakpoint
CREATE INDEX "ledger_invoices_open_idx" ON "ledger"."invoices" USING btree ("txn_date") WHERE "ledger"."invoices"."open_balance" > 0;--> statement-breakpoint
CREATE INDEX "ledger_journal_entries_date_idx" ON "ledger"."journal_entries" USING btree ("txn_date");--> statement-breakpoint
CREATE INDEX "ledger_journal_lines_account_idx" ON "ledger"."journal_lines" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "ledger_payments_invoice_idx" ON "ledger"."payments" USING btree ("invoice_id");
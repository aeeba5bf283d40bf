-- Trigger payloads keep the text they were stored with (and so their keys' order): `json`
-- instead of `jsonb`. Existing rows convert value for value; their keys stay in the order
-- jsonb had already given them.
ALTER TABLE "events" ALTER COLUMN "payload" SET DATA TYPE json USING "payload"::json;
--> statement-breakpoint
-- Ledger lists page newest first by (created_at, id): one index per list keeps every page cheap.
CREATE INDEX "ledger_customers_created_idx" ON "ledger"."customers" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_invoices_created_idx" ON "ledger"."invoices" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_payments_created_idx" ON "ledger"."payments" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_credit_memos_created_idx" ON "ledger"."credit_memos" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_disputes_created_idx" ON "ledger"."disputes" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);

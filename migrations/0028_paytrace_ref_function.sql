-- The PayTrace transaction an ERP document's external reference names: `paytrace-<id>` (as the
-- posting nodes write it), `paytrace-<id>-<suffix>` (or another `:#/` separated suffix), or the
-- bare reference. One home for the rule: the ledger's stored columns below and a remote ERP's
-- documents staged for matching (apps/runtime/src/reconciliation/match-day.ts) both call it.
-- A plain SQL function, immutable and not strict, so queries inline it like the expression.
CREATE FUNCTION "public"."paytrace_ref_of"("external_ref" text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ select coalesce(substring(external_ref from '^paytrace-([^-:#/]+)'), external_ref) $$;--> statement-breakpoint
-- The stored columns of migration 0026 computed through it (same values; dropping a column drops
-- its index, recreated below).
ALTER TABLE "ledger"."payments" DROP COLUMN "paytrace_ref";--> statement-breakpoint
ALTER TABLE "ledger"."payments" ADD COLUMN "paytrace_ref" text GENERATED ALWAYS AS ("public"."paytrace_ref_of"("external_ref")) STORED;--> statement-breakpoint
CREATE INDEX "ledger_payments_paytrace_ref_idx" ON "ledger"."payments" USING btree ("paytrace_ref");--> statement-breakpoint
ALTER TABLE "ledger"."credit_memos" DROP COLUMN "paytrace_ref";--> statement-breakpoint
ALTER TABLE "ledger"."credit_memos" ADD COLUMN "paytrace_ref" text GENERATED ALWAYS AS ("public"."paytrace_ref_of"("external_ref")) STORED;--> statement-breakpoint
CREATE INDEX "ledger_credit_memos_paytrace_ref_idx" ON "ledger"."credit_memos" USING btree ("paytrace_ref");

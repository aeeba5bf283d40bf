-- Chargeback cases as the Disputes page shows them: one row per case number of a processor,
-- whichever channel (Shopify webhook, processor notice, report import) reported it first, with
-- its timeline and the evidence packet (JSON and PDF) the API serves for download.
CREATE TABLE "dispute_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_key" text NOT NULL,
	"processor" text NOT NULL,
	"case_number" text NOT NULL,
	"kind" text DEFAULT 'chargeback' NOT NULL,
	"channels" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason_code" text,
	"reason" text,
	"order_ref" text,
	"order_name" text,
	"transaction_id" text,
	"card_last4" text,
	"opened_on" date NOT NULL,
	"evidence_due_by" date,
	"erp_ref" text NOT NULL,
	"packet_json" jsonb,
	"packet_pdf" bytea,
	"packet_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_cases_amount_positive" CHECK ("dispute_cases"."amount_minor" > 0),
	CONSTRAINT "dispute_cases_status" CHECK ("dispute_cases"."status" in ('open', 'evidence_submitted', 'won', 'lost'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_cases_key_uq" ON "dispute_cases" USING btree ("case_key");--> statement-breakpoint
CREATE INDEX "dispute_cases_due_idx" ON "dispute_cases" USING btree ("evidence_due_by","id");--> statement-breakpoint
CREATE INDEX "dispute_cases_opened_idx" ON "dispute_cases" USING btree ("opened_on");--> statement-breakpoint
CREATE TABLE "dispute_case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"channel" text,
	"summary" text NOT NULL,
	"run_id" uuid,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "dispute_case_events" ADD CONSTRAINT "dispute_case_events_case_id_dispute_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dispute_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_case_events_case_idx" ON "dispute_case_events" USING btree ("case_id","at");

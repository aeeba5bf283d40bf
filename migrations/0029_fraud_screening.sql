-- Fraud screening. `fraud_attempts` is Paybridge's own history of payment attempts, the source of
-- the velocity and customer-history signals: one row per Shopify order (approved or declined),
-- keyed by the same normalised keys the fraud package defines (email, IP, card fingerprint =
-- masked card + vault id, shipping address, device), never a card number. Each key has an index
-- on (key, created_at) so a summary reads only the rows sharing a key within the window.
CREATE TABLE "fraud_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"email_key" text,
	"ip_key" text,
	"card_key" text,
	"address_key" text,
	"device_key" text,
	"customer_id" text,
	"first_seen_text" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"approved" boolean NOT NULL,
	"refunded" boolean DEFAULT false NOT NULL,
	"chargeback_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"run_id" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fraud_attempts_order_uq" ON "fraud_attempts" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fraud_attempts_email_idx" ON "fraud_attempts" USING btree ("email_key","created_at") WHERE "email_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fraud_attempts_ip_idx" ON "fraud_attempts" USING btree ("ip_key","created_at") WHERE "ip_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fraud_attempts_card_idx" ON "fraud_attempts" USING btree ("card_key","created_at") WHERE "card_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fraud_attempts_address_idx" ON "fraud_attempts" USING btree ("address_key","created_at") WHERE "address_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fraud_attempts_device_idx" ON "fraud_attempts" USING btree ("device_key","created_at") WHERE "device_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fraud_attempts_customer_idx" ON "fraud_attempts" USING btree ("customer_id","created_at","id") WHERE "approved" AND "customer_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fraud_attempts_approved_idx" ON "fraud_attempts" USING btree ("created_at") INCLUDE ("amount_minor") WHERE "approved";--> statement-breakpoint
-- Every score the fraud.score node gave, with the signals behind it, for the review queue and
-- (through `label`) as training labels: fraud = a chargeback or a rejected review, legit = an
-- approved review.
CREATE TABLE "fraud_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"order_id" text NOT NULL,
	"order_name" text,
	"score" integer NOT NULL,
	"level" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"features" jsonb NOT NULL,
	"history" jsonb NOT NULL,
	"payment_check" jsonb,
	"ip_country" text,
	"order_json" jsonb NOT NULL,
	"model_version" text NOT NULL,
	"label" text,
	"label_source" text,
	"labelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fraud_scores_score_range" CHECK ("fraud_scores"."score" between 0 and 99),
	CONSTRAINT "fraud_scores_level" CHECK ("fraud_scores"."level" in ('low', 'elevated', 'high')),
	CONSTRAINT "fraud_scores_label" CHECK ("fraud_scores"."label" is null or "fraud_scores"."label" in ('fraud', 'legit'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fraud_scores_step_uq" ON "fraud_scores" USING btree ("run_id","node_id");--> statement-breakpoint
CREATE INDEX "fraud_scores_order_idx" ON "fraud_scores" USING btree ("order_id");--> statement-breakpoint
-- Orders held for a person's decision by fraud.review: waiting until approved, rejected or the
-- timeout's default action.
CREATE TABLE "fraud_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"score_id" uuid,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"order_id" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"timeout_action" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"note" text,
	"timed_out" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fraud_reviews_status" CHECK ("fraud_reviews"."status" in ('waiting', 'approved', 'rejected')),
	CONSTRAINT "fraud_reviews_timeout_action" CHECK ("fraud_reviews"."timeout_action" in ('approve', 'reject'))
);
--> statement-breakpoint
ALTER TABLE "fraud_reviews" ADD CONSTRAINT "fraud_reviews_score_id_fraud_scores_id_fk" FOREIGN KEY ("score_id") REFERENCES "public"."fraud_scores"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fraud_reviews_step_uq" ON "fraud_reviews" USING btree ("run_id","node_id");--> statement-breakpoint
CREATE INDEX "fraud_reviews_queue_idx" ON "fraud_reviews" USING btree ("status","created_at");--> statement-breakpoint
-- Chargebacks reach the history from the dispute cases, whichever channel reported them: the
-- order's attempt gets the case's opening date, and its scores the label `fraud`.
CREATE FUNCTION "fraud_note_chargeback"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.order_ref IS NOT NULL AND NEW.kind = 'chargeback' THEN
    UPDATE "fraud_attempts" SET chargeback_at = NEW.opened_on::timestamptz
      WHERE order_id = NEW.order_ref
        AND (chargeback_at IS NULL OR chargeback_at > NEW.opened_on::timestamptz);
    UPDATE "fraud_scores" SET label = 'fraud', label_source = 'chargeback', labelled_at = now()
      WHERE order_id = NEW.order_ref AND label_source IS DISTINCT FROM 'chargeback';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "dispute_cases_fraud_history" AFTER INSERT OR UPDATE OF order_ref ON "dispute_cases"
  FOR EACH ROW EXECUTE FUNCTION "fraud_note_chargeback"();
--> statement-breakpoint
-- Refunds reach the history from the effect records: a settled, approved refund of an order.
CREATE FUNCTION "fraud_note_refund"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.operation = 'refund' AND NEW.status = 'settled'
     AND NEW.outcome ->> 'status' = 'approved' THEN
    UPDATE "fraud_attempts" SET refunded = true
      WHERE order_id = substring(NEW.business_key from ':order:([^:#]+)') AND NOT refunded;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "effect_records_fraud_history" AFTER INSERT OR UPDATE OF status ON "effect_records"
  FOR EACH ROW EXECUTE FUNCTION "fraud_note_refund"();

-- Live updates of the runs list read runs changed since a point in time.
CREATE INDEX "runs_updated_idx" ON "runs" USING btree ("updated_at","id");--> statement-breakpoint
-- Runs replaying or retrying another, shown on both sides.
CREATE INDEX "runs_parent_idx" ON "runs" USING btree ("parent_run_id") WHERE "runs"."parent_run_id" is not null;--> statement-breakpoint
-- Search by business reference: the Shopify resource id, order name and order id of an event.
CREATE INDEX "events_body_id_idx" ON "events" USING btree ((("payload" -> 'body') ->> 'id'));--> statement-breakpoint
CREATE INDEX "events_body_name_idx" ON "events" USING btree ((("payload" -> 'body') ->> 'name'));--> statement-breakpoint
CREATE INDEX "events_body_order_id_idx" ON "events" USING btree ((("payload" -> 'body') ->> 'order_id'));--> statement-breakpoint
-- ... and an effect's own references: its remote reference, the order or custom reference in its key, its run.
CREATE INDEX "effect_records_reference_idx" ON "effect_records" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "effect_records_order_ref_idx" ON "effect_records" USING btree ((substring("business_key" from ':order:([^:#]+)')));--> statement-breakpoint
CREATE INDEX "effect_records_custom_ref_idx" ON "effect_records" USING btree ((substring("business_key" from ':ref:([^#]+)')));--> statement-breakpoint
CREATE INDEX "effect_records_run_idx" ON "effect_records" USING btree ("run_id");--> statement-breakpoint
-- Dead letters grouped by flow and error code.
CREATE INDEX "dead_letters_group_idx" ON "dead_letters" USING btree ("flow_id",(("error" ->> 'code')),"created_at");--> statement-breakpoint
CREATE TABLE "run_bulk_operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action" text NOT NULL,
	"version" text,
	"total" integer NOT NULL,
	"actor" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);--> statement-breakpoint
CREATE TABLE "run_bulk_items" (
	"operation_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"result_run_id" uuid,
	"processed_at" timestamp with time zone,
	CONSTRAINT "run_bulk_items_pk" PRIMARY KEY("operation_id","run_id")
);--> statement-breakpoint
ALTER TABLE "run_bulk_items" ADD CONSTRAINT "run_bulk_items_operation_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."run_bulk_operations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_bulk_items_pending_idx" ON "run_bulk_items" USING btree ("operation_id","seq") WHERE "run_bulk_items"."state" = 'pending';

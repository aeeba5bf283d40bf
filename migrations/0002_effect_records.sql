CREATE TABLE "effect_records" (
	"flow_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"item" text NOT NULL,
	"reference" text NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"outcome" jsonb,
	"remote_id" text,
	"run_id" uuid NOT NULL,
	"settled_by_run" uuid,
	"attempt_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "effect_records_flow_id_event_id_node_id_item_pk" PRIMARY KEY("flow_id","event_id","node_id","item")
);
--> statement-breakpoint
ALTER TABLE "effect_records" ADD CONSTRAINT "effect_records_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effect_records" ADD CONSTRAINT "effect_records_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "effect_records_pending_idx" ON "effect_records" USING btree ("status","attempt_started_at");--> statement-breakpoint
CREATE INDEX "effect_records_remote_idx" ON "effect_records" USING btree ("remote_id");
CREATE TABLE "alert_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"connection_id" uuid,
	"recipients" text[] DEFAULT '{}'::text[] NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"flow_id" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"quiet_seconds" integer DEFAULT 900 NOT NULL,
	"channel_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"firing" boolean DEFAULT false NOT NULL,
	"checked_until" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	"last_notice_at" timestamp with time zone,
	"pending_count" integer DEFAULT 0 NOT NULL,
	"total_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "alert_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"count" integer NOT NULL,
	"title" text NOT NULL,
	"detail" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_notices" ADD CONSTRAINT "alert_notices_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_notices_created_idx" ON "alert_notices" USING btree ("created_at" DESC);--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_notice_id_alert_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."alert_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_channel_id_alert_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."alert_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_notice_channel_uq" ON "alert_deliveries" USING btree ("notice_id","channel_id");--> statement-breakpoint
CREATE INDEX "alert_deliveries_unsent_idx" ON "alert_deliveries" USING btree ("next_at") WHERE "alert_deliveries"."sent_at" is null;--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "error_flow_id" uuid;--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "error_flow_set_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "runs_failed_finished_idx" ON "runs" USING btree ("finished_at") WHERE "runs"."status" = 'failed';--> statement-breakpoint
-- Dead letters are announced by the alert rules now (the built-in rule stands for
-- PAYBRIDGE_ALERT_WEBHOOK_URL): their per-row alert bookkeeping goes.
DROP INDEX "dead_letters_unalerted_idx";--> statement-breakpoint
ALTER TABLE "dead_letters" DROP COLUMN "alerted_at";--> statement-breakpoint
ALTER TABLE "dead_letters" DROP COLUMN "alert_attempts";--> statement-breakpoint
ALTER TABLE "dead_letters" DROP COLUMN "alert_next_at";
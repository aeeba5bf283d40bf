ALTER TABLE "effect_records" DROP CONSTRAINT "effect_records_flow_id_flows_id_fk";--> statement-breakpoint
ALTER TABLE "effect_records" DROP CONSTRAINT "effect_records_event_id_events_id_fk";--> statement-breakpoint
ALTER TABLE "effect_records" ADD COLUMN "business_key" text;--> statement-breakpoint
UPDATE "effect_records" SET "business_key" = 'flow:' || "flow_id"::text || '/event:' || "event_id"::text || '/node:' || "node_id" || '/item:' || "item";--> statement-breakpoint
ALTER TABLE "effect_records" ALTER COLUMN "business_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "effect_records" DROP CONSTRAINT "effect_records_flow_id_event_id_node_id_item_pk";--> statement-breakpoint
ALTER TABLE "effect_records" ADD CONSTRAINT "effect_records_business_key_pk" PRIMARY KEY("business_key");--> statement-breakpoint
ALTER TABLE "effect_records" ADD COLUMN "target_id" text;--> statement-breakpoint
ALTER TABLE "effect_records" ADD COLUMN "operation" text;--> statement-breakpoint
ALTER TABLE "effect_records" ADD COLUMN "amount_minor" bigint;--> statement-breakpoint
CREATE INDEX "effect_records_target_idx" ON "effect_records" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "effect_records_flow_event_idx" ON "effect_records" USING btree ("flow_id","event_id");

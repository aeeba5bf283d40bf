ALTER TABLE "events" ADD COLUMN "body_hash" text;
--> statement-breakpoint
CREATE TABLE "unmatched_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"connection_id" uuid,
	"topic" text NOT NULL,
	"delivery_id" text NOT NULL,
	"resource_id" text,
	"reason" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "unmatched_events_delivery_uq" ON "unmatched_events" USING btree ("source","delivery_id");
--> statement-breakpoint
CREATE INDEX "unmatched_events_received_idx" ON "unmatched_events" USING btree ("received_at" DESC NULLS LAST);
--> statement-breakpoint
CREATE TABLE "shopify_order_gateways" (
	"connection_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"gateway_names" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shopify_order_gateways_connection_id_order_id_pk" PRIMARY KEY("connection_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "shopify_order_gateways" ADD CONSTRAINT "shopify_order_gateways_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
INSERT INTO "shopify_order_gateways" ("connection_id", "order_id", "gateway_names")
SELECT DISTINCT ON (c.id, e.payload::jsonb -> 'body' ->> 'id')
	c.id,
	e.payload::jsonb -> 'body' ->> 'id',
	ARRAY(SELECT jsonb_array_elements_text(e.payload::jsonb -> 'body' -> 'payment_gateway_names'))
FROM "events" e
JOIN "connections" c ON e.source = 'shopify:' || c.id::text
WHERE e.payload::jsonb ->> 'topic' LIKE 'orders/%'
	AND jsonb_typeof(e.payload::jsonb -> 'body' -> 'payment_gateway_names') = 'array'
	AND e.payload::jsonb -> 'body' ->> 'id' IS NOT NULL
ORDER BY c.id, e.payload::jsonb -> 'body' ->> 'id', e.received_at DESC
ON CONFLICT DO NOTHING;

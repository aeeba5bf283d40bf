-- Incremental reads of a store's orders for settlement reconciliation. Each staged order keeps
-- Shopify's updatedAt, so a read never replaces a newer copy of an order with an older one
-- (two runs of the same store at once); each UTC day of processed_at that was read completely
-- keeps when that read began, so the next run reads only the orders changed since (minus a
-- safety margin) and reads the days never read in full. `shop` names the store the coverage was
-- read from (domain and API address): a connection pointed at another store starts over.
ALTER TABLE "reconciliation_shopify_orders" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "reconciliation_shopify_orders_processed_idx" ON "reconciliation_shopify_orders" USING btree ("connection","created_at");--> statement-breakpoint
CREATE TABLE "reconciliation_shopify_coverage" (
	"connection" text NOT NULL,
	"day" date NOT NULL,
	"shop" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reconciliation_shopify_coverage_pk" PRIMARY KEY("connection","day")
);

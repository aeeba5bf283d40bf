CREATE TABLE "ingress_rate_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"granted" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "data_pruned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "pruned_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "runs_prunable_idx" ON "runs" USING btree ("finished_at") WHERE "runs"."data_pruned_at" is null and "runs"."status" in ('succeeded', 'cancelled');

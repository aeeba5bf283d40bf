ALTER TABLE "dead_letters" ADD COLUMN "alerted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "alert_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "alert_next_at" timestamp with time zone;--> statement-breakpoint
-- Dead letters from before alerts existed are not announced when alerting is first turned on.
UPDATE "dead_letters" SET "alerted_at" = "created_at" WHERE "alerted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "dead_letters_unalerted_idx" ON "dead_letters" USING btree ("created_at") WHERE "dead_letters"."alerted_at" is null and "dead_letters"."resolved_at" is null;

CREATE TABLE "pay_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"order_ref" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"shop_name" text NOT NULL,
	"lines" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pay_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"tokens" jsonb,
	"reason" text,
	"transaction_id" text,
	"card_last_four" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "pay_links" ADD CONSTRAINT "pay_links_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_submissions" ADD CONSTRAINT "pay_submissions_link_id_pay_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."pay_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pay_links_run_node_uq" ON "pay_links" USING btree ("run_id","node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_submissions_open_uq" ON "pay_submissions" USING btree ("link_id") WHERE "pay_submissions"."status" in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "pay_submissions_link_idx" ON "pay_submissions" USING btree ("link_id","created_at");

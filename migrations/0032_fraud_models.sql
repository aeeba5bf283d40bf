-- Fraud model versions retrained on the merchant's own labels (`paybridge fraud train`, the review
-- page's button). Every switched-to version is kept for rollback; at most one is active, and with
-- none active fraud.score uses the shipped model. `figures` holds the candidate's and the live
-- model's figures on the same held-out recent period, as measured when it was trained.
CREATE TABLE "fraud_models" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"artefact" jsonb NOT NULL,
	"figures" jsonb NOT NULL,
	"provenance" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fraud_models_version_uq" ON "fraud_models" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "fraud_models_one_active_uq" ON "fraud_models" USING btree ("active") WHERE "active";

CREATE TABLE "template_installs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" text NOT NULL,
	"connections_key" text NOT NULL,
	"flow_id" uuid NOT NULL,
	"copy" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "template_installs" ADD CONSTRAINT "template_installs_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "template_installs_lookup_idx" ON "template_installs" USING btree ("template_id","connections_key");

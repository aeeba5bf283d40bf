CREATE TABLE "flow_samples" (
	"flow_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flow_samples_flow_id_node_id_pk" PRIMARY KEY("flow_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "stop_after" text;--> statement-breakpoint
ALTER TABLE "flow_samples" ADD CONSTRAINT "flow_samples_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;
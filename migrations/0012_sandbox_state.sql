CREATE SCHEMA IF NOT EXISTS "sandbox";
--> statement-breakpoint
CREATE TABLE "sandbox"."records" (
	"simulator" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"data" json NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "records_simulator_kind_key_pk" PRIMARY KEY("simulator","kind","key")
);
--> statement-breakpoint
CREATE TABLE "sandbox"."sequences" (
	"simulator" text NOT NULL,
	"name" text NOT NULL,
	"reserved_to" numeric(20, 0) NOT NULL,
	CONSTRAINT "sequences_simulator_name_pk" PRIMARY KEY("simulator","name")
);

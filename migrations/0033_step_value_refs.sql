-- Each step value stored once. `input_from`: the step's input is the output of the step with this
-- seq in the same run (the `input` column is then null). `output_base`: 'event' when the output
-- is the run's event payload (the `output` column is then null), 'input' when the `output`
-- column holds the difference from the step's input (keys removed, values set, places holding
-- the whole input); null when the `output` column holds the output itself. Rows written before
-- this migration have both null, and read as before.
ALTER TABLE "run_steps" ADD COLUMN "input_from" integer;--> statement-breakpoint
ALTER TABLE "run_steps" ADD COLUMN "output_base" text;--> statement-breakpoint
ALTER TABLE "run_steps" ADD CONSTRAINT "run_steps_output_base_ck" CHECK ("output_base" in ('event', 'input'));

-- Test runs ("Execute previous nodes" in the editor): null for a real run; 'simulator' when the
-- run's live PayTrace connections go to the built-in simulator and its effects are recorded apart
-- from real ones; 'live' when an operator confirmed live calls (its effects are real).
ALTER TABLE "runs" ADD COLUMN "test_mode" text;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_test_mode_check" CHECK ("test_mode" in ('simulator', 'live'));

ALTER TABLE "runs" ADD COLUMN "unfinished_executions" integer DEFAULT 0 NOT NULL;

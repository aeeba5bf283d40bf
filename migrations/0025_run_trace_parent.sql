-- W3C traceparent of the trace a run belongs to (set only while tracing is on): ingress and
-- every execution of the run add their spans to that one trace, and the run view links to it.
ALTER TABLE "runs" ADD COLUMN "trace_parent" text;

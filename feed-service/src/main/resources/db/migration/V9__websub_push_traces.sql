-- The trace of the change a push is owed for (a W3C traceparent), so that the push shows in
-- the trace of the article change that caused it. The newest change's, when several wait.
ALTER TABLE websub_delivery ADD COLUMN trace_parent VARCHAR(64);

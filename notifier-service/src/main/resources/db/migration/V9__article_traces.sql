-- The trace of an article's publication (a W3C traceparent): its alerts are queued and sent
-- in spans of that trace, so that an operator follows the article to the mails it caused.
ALTER TABLE article_alert ADD COLUMN trace_parent VARCHAR(64);

-- The alerts of a publication still to queue. Recording an article writes one row here in
-- the consumer's transaction; any instance then queues the alerts in chunks of subscribers,
-- in id order, each chunk its own short transaction that moves the row's cursor on, and
-- deletes the row after the last, or as soon as it finds the article retracted. Only who was
-- confirmed when the article arrived is alerted, however long the queueing takes.
CREATE TABLE alert_fanout (
    article_id      UUID                     NOT NULL PRIMARY KEY,
    breaking        BOOLEAN                  NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The first subscriber not looked at yet, in id order; NULL: none looked at yet.
    next_subscriber UUID,
    queued          BIGINT                   NOT NULL
);

CREATE INDEX alert_fanout_received ON alert_fanout (received_at, article_id);

-- The categories the article was published in: whom its alerts are for, whatever an edit
-- changes meanwhile.
CREATE TABLE alert_fanout_category (
    article_id UUID         NOT NULL REFERENCES alert_fanout (article_id) ON DELETE CASCADE,
    category   VARCHAR(200) NOT NULL,
    PRIMARY KEY (article_id, category)
);

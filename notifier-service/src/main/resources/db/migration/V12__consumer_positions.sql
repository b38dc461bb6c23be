-- How far this service has applied each partition of the topics it reads: the offset of the
-- next record, written in the transaction that applies the records. Reading resumes from here,
-- so a database restored from an older backup reads again what it is missing.
CREATE TABLE consumer_position (
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    next_offset     BIGINT       NOT NULL,
    PRIMARY KEY (topic, kafka_partition)
);

-- An article recorded again, after a restore, from an event that the lost database had
-- applied: its alerts went out then (or are lost with it), and it goes into no digest.
ALTER TABLE article_alert ADD COLUMN replayed BOOLEAN DEFAULT FALSE NOT NULL;

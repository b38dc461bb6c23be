-- A membership is read by feed, newest first, and replaced by its article's feeds and
-- publication time as stored in feed_item: one primary key in that order serves both, so
-- each membership is one row and one key instead of a row and three keys. The table is
-- copied (the old key's name differs between databases).
CREATE TABLE feed_membership_by_date (
    feed_key     VARCHAR(400)             NOT NULL,
    article_id   UUID                     NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT feed_membership_key PRIMARY KEY (feed_key, published_at, article_id)
);

INSERT INTO feed_membership_by_date (feed_key, article_id, published_at)
SELECT feed_key, article_id, published_at FROM feed_membership;

DROP TABLE feed_membership;

ALTER TABLE feed_membership_by_date RENAME TO feed_membership;

-- How often a subscriber hears from us, and in which time zone the digest hour is read
-- (NULL: the notifier's own, NOTIFIER_TIME_ZONE).
ALTER TABLE subscriber ADD COLUMN frequency VARCHAR(16) DEFAULT 'immediate' NOT NULL;
ALTER TABLE subscriber ADD COLUMN time_zone VARCHAR(64);
-- A digest subscriber's next digest holds the articles received from this moment on: the
-- end of the previous digest's window, or when the subscriber started taking digests.
ALTER TABLE subscriber ADD COLUMN digest_since TIMESTAMP WITH TIME ZONE;

-- A digest run walks the subscribers of one frequency and zone in id order.
CREATE INDEX subscriber_digest ON subscriber (frequency, status, time_zone, id);

-- The categories of each article, as its newest version has them: a digest matches them
-- against the subscriber's.
CREATE TABLE article_category (
    article_id UUID         NOT NULL,
    category   VARCHAR(200) NOT NULL,
    PRIMARY KEY (article_id, category)
);

CREATE INDEX article_category_category ON article_category (category);
CREATE INDEX article_alert_received ON article_alert (received_at);

-- A digest is one delivery per subscriber and period ("daily-2026-03-29"); the unique key
-- makes a second digest for the same period impossible, however often the run is repeated.
ALTER TABLE mail_delivery ADD COLUMN period_key VARCHAR(32);
ALTER TABLE mail_delivery ADD CONSTRAINT mail_delivery_digest_once UNIQUE (subscriber_id, period_key);

-- What a digest lists, fixed when it is queued; it is written with each article's newest
-- text when it is sent, leaving out those retracted meanwhile. No article is listed twice
-- for one subscriber.
CREATE TABLE digest_item (
    delivery_id   BIGINT NOT NULL,
    subscriber_id UUID   NOT NULL,
    article_id    UUID   NOT NULL,
    PRIMARY KEY (delivery_id, article_id),
    CONSTRAINT digest_item_once UNIQUE (subscriber_id, article_id)
);

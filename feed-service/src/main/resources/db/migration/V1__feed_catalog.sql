-- The read model: the latest known version of every article, retracted ones kept as
-- markers so that an older event arriving late cannot bring them back.
CREATE TABLE feed_item (
    article_id   UUID                     NOT NULL PRIMARY KEY,
    version      BIGINT                   NOT NULL,
    retracted    BOOLEAN                  NOT NULL,
    title        VARCHAR(300),
    summary      VARCHAR(10000),
    content_html VARCHAR(2000000),
    url          VARCHAR(2048),
    authors      VARCHAR(20000),
    categories   VARCHAR(10000),
    language     VARCHAR(35),
    published_at TIMESTAMP WITH TIME ZONE,
    updated_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX feed_item_newest ON feed_item (retracted, published_at);

-- Which live item is in which category or author feed.
CREATE TABLE feed_membership (
    feed_key     VARCHAR(400)             NOT NULL,
    article_id   UUID                     NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (feed_key, article_id)
);

CREATE INDEX feed_membership_newest ON feed_membership (feed_key, published_at);

-- Every feed that exists, with a revision that grows on each change to it: instances
-- compare it with what they have cached.
CREATE TABLE feed_state (
    feed_key   VARCHAR(400)             NOT NULL PRIMARY KEY,
    name       VARCHAR(300)             NOT NULL,
    revision   BIGINT                   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX feed_state_changed ON feed_state (changed_at);

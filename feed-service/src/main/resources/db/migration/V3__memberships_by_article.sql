-- Applying an article reads and replaces its memberships by article id, which the primary
-- key (feed_key first) cannot find without reading the whole table.
CREATE INDEX feed_membership_article ON feed_membership (article_id);

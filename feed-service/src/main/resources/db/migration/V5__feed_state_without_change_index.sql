-- Every batch of events moves the change time of the feeds it touches, hundreds of them; an
-- index on that time would be rewritten for each. Other instances look for changed feeds
-- once a second, and a feed_state row per feed is few enough to read them all.
DROP INDEX feed_state_changed;

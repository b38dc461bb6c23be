-- The image that illustrates an item: all four are null for an item without one, as for
-- every item stored before images existed (a rebuild from the topic fills them in), and
-- width and height stay null when the publisher did not know them.
ALTER TABLE feed_item ADD COLUMN image_url VARCHAR(2048);
ALTER TABLE feed_item ADD COLUMN image_alt VARCHAR(1000);
ALTER TABLE feed_item ADD COLUMN image_width INTEGER;
ALTER TABLE feed_item ADD COLUMN image_height INTEGER;

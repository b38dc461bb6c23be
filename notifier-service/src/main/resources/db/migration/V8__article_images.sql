-- The image that illustrates an article, shown in its alert and digest mails: all four
-- are null for an article without one, as for every article received before images
-- existed, and width and height stay null when the publisher did not know them.
ALTER TABLE article_alert ADD COLUMN image_url VARCHAR(2048);
ALTER TABLE article_alert ADD COLUMN image_alt VARCHAR(1000);
ALTER TABLE article_alert ADD COLUMN image_width INTEGER;
ALTER TABLE article_alert ADD COLUMN image_height INTEGER;

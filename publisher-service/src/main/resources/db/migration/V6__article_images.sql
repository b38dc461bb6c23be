-- The image that illustrates an article: all four are null for an article without one,
-- as for every article written before images existed. Width and height stay null when
-- the editor did not give them.
ALTER TABLE article ADD COLUMN image_url VARCHAR(2048);
ALTER TABLE article ADD COLUMN image_alt VARCHAR(1000);
ALTER TABLE article ADD COLUMN image_width INTEGER;
ALTER TABLE article ADD COLUMN image_height INTEGER;

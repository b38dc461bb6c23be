-- Authors and categories are stored as JSON arrays, in which a quote or a backslash
-- takes two characters: 50 names of 200 (authors) or 100 (categories) characters, each
-- in quotes, with the commas and brackets, take at most 20,151 and 10,151 characters.
ALTER TABLE feed_item ALTER COLUMN authors SET DATA TYPE VARCHAR(20200);
ALTER TABLE feed_item ALTER COLUMN categories SET DATA TYPE VARCHAR(10200);

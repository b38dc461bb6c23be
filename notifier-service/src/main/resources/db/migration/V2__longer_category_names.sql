-- A category name is at most 100 characters as sent, and is stored lower-cased: lower
-- case can take two characters where upper case took one (U+0130 becomes i and U+0307).
ALTER TABLE subscriber_category ALTER COLUMN category SET DATA TYPE VARCHAR(200);

-- Breaking news: every article written before the flag existed is not breaking.
ALTER TABLE article ADD COLUMN breaking BOOLEAN DEFAULT FALSE NOT NULL;

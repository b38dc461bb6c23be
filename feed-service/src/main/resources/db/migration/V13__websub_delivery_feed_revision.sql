-- The feed's revision after the newest change a push is owed for: a push that carried that
-- revision, or a newer one, settles it, even when the change was queued while the push was
-- on its way. NULL for pushes owed before this column: settled by their count of changes.
ALTER TABLE websub_delivery ADD COLUMN feed_revision BIGINT;

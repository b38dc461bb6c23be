-- Any notifier instance sends: it claims a chunk of due deliveries for a short lease,
-- renews the lease while it sends them, and gives back what it did not send. A claim
-- whose lease ran out (its instance died) is taken by the next instance that looks.
-- The lease is on each row, so that whether a row is claimed is decided by the row
-- alone, under its lock.
ALTER TABLE mail_delivery ADD COLUMN claim_id UUID;
ALTER TABLE mail_delivery ADD COLUMN claimed_by VARCHAR(100);
ALTER TABLE mail_delivery ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE;

-- Sending takes no scheduler lock any more.
DELETE FROM shedlock WHERE name = 'mail-dispatch';

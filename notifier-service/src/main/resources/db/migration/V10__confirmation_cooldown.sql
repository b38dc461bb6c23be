-- When a confirmation mail was last queued for a mailbox, to keep the cooldown between
-- two of them. The key is an HMAC of the mailbox (the address unquoted, without its
-- +subaddress, in lower case), so that every spelling of one mailbox shares one row and
-- no address is kept here. Rows older than the cooldown are deleted.
CREATE TABLE confirmation_cooldown (
    mailbox_key    VARCHAR(64)              NOT NULL PRIMARY KEY,
    last_queued_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX confirmation_cooldown_queued ON confirmation_cooldown (last_queued_at);

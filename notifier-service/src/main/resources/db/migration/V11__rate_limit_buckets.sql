-- The token buckets of the sign-up rate limit (Bucket4j), shared by every notifier instance so
-- that two instances do not double a client's allowance. A bucket is written by compare and
-- swap on its version; expires_at is when it would be full again, after which it is the same
-- as no bucket and is deleted.
CREATE TABLE rate_limit_bucket (
    bucket_key VARCHAR(200)             NOT NULL PRIMARY KEY,
    state      BYTEA                    NOT NULL,
    version    BIGINT                   NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX rate_limit_bucket_expires ON rate_limit_bucket (expires_at);

-- The mails read from the bounce mailbox: delivery status notifications (RFC 3464) and abuse
-- reports (RFC 5965), one row each, keyed by a hash of the mail's Message-ID (or of the mail),
-- so that a mail read twice, after a crash before it was moved, is applied once. With the
-- delivery they name, they are each subscriber's history of bounces and complaints.
CREATE TABLE bounce_report (
    report_key    VARCHAR(64)              NOT NULL PRIMARY KEY,
    -- PERMANENT, TRANSIENT, COMPLAINT, NOTHING (a report that asks for nothing), KEPT_ASIDE
    kind          VARCHAR(16)              NOT NULL,
    delivery_id   BIGINT,
    subscriber_id UUID,
    status        VARCHAR(40),
    detail        VARCHAR(1000)            NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX bounce_report_subscriber ON bounce_report (subscriber_id, kind);

CREATE INDEX bounce_report_delivery ON bounce_report (delivery_id);

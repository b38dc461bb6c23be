-- Sender health counts the mails sent and the reports received in the last 24 hours, every
-- minute: both by time, without a walk through every mail ever sent.
CREATE INDEX mail_delivery_sent ON mail_delivery (sent_at);

CREATE INDEX bounce_report_received ON bounce_report (received_at);

-- The relay marks each sent event with an update of its outbox row; the databases rewrite
-- the whole row for it (H2's MVStore and PostgreSQL alike), so the payload and headers,
-- written once and never changed, move to a table of their own and the row it updates
-- stays narrow. The payload row goes with its event when the cleanup deletes it.
CREATE TABLE outbox_payload (
    id      BIGINT         NOT NULL PRIMARY KEY REFERENCES outbox_event (id) ON DELETE CASCADE,
    payload VARCHAR(4000000),
    headers VARCHAR(4000)  NOT NULL
);

INSERT INTO outbox_payload (id, payload, headers) SELECT id, payload, headers FROM outbox_event;

ALTER TABLE outbox_event DROP COLUMN payload;
ALTER TABLE outbox_event DROP COLUMN headers;

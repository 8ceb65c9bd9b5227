-- Delivery attempts on every outbox mail (how many, the last error and when), so that a mail
-- waiting for a failing server shows why; and which mails belong to which manuscript, so the
-- editors see every mail the journal sent about it with its delivery state.
ALTER TABLE mails ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mails ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE mails ADD COLUMN last_attempt_at TIMESTAMP;

CREATE TABLE manuscript_mails (
    manuscript_id BIGINT NOT NULL REFERENCES manuscripts(id) ON DELETE CASCADE,
    mail_id BIGINT NOT NULL REFERENCES mails(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (manuscript_id, mail_id)
);

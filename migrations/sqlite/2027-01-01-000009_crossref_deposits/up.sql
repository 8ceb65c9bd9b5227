-- Deposits sent to Crossref through the job queue: what was sent (the XML as generated when
-- the deposit was asked for), where it stands (queued, submitted, succeeded, failed, or
-- unconfirmed when Crossref never reported a result), and Crossref's own answer.
CREATE TABLE crossref_deposits (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    batch_id TEXT NOT NULL,
    xml TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    polls INTEGER NOT NULL,
    requested_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX crossref_deposits_item ON crossref_deposits (kind, item_id, id);

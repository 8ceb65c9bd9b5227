-- Reviewers invited into a journal manuscript's review rounds. The invitation is mailed with a
-- personal link that accepts, declines and carries the review without an account. The link is
-- a keyed hash of `link_nonce` under the server's secret key, so reminders can carry it again,
-- while the database alone (which keeps only the link's SHA-256, for lookup) cannot make it.
-- `status` is what the reviewer did; the states editors see (awaiting response, overdue,
-- complete, thanked, cancelled) follow from it and the dates. `stamp` changes whenever the due
-- dates do, so reminder jobs queued for older dates do nothing.
CREATE TABLE reviewer_invitations (
    id INTEGER PRIMARY KEY,
    manuscript_id BIGINT NOT NULL REFERENCES manuscripts(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    token_hash TEXT NOT NULL,
    link_nonce TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    conflicts TEXT NOT NULL,
    invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    invited_at TIMESTAMP NOT NULL,
    response_due DATE NOT NULL,
    review_due DATE NOT NULL,
    responded_at TIMESTAMP,
    decline_reason TEXT NOT NULL,
    suggestion TEXT NOT NULL,
    recommendation TEXT,
    answers TEXT NOT NULL,
    form TEXT,
    saved_at TIMESTAMP,
    submitted_at TIMESTAMP,
    confirmed_at TIMESTAMP,
    thanked_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    reminders_sent INTEGER NOT NULL DEFAULT 0,
    last_reminded_at TIMESTAMP,
    stamp INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX reviewer_invitations_token ON reviewer_invitations (token_hash);
CREATE UNIQUE INDEX reviewer_invitations_person ON reviewer_invitations (manuscript_id, round, email);
CREATE INDEX reviewer_invitations_email ON reviewer_invitations (email);
CREATE INDEX reviewer_invitations_user ON reviewer_invitations (user_id);

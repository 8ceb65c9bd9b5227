-- An expert's ballot as typed but not yet submitted (autosaved): one row per journal whose
-- draft differs from the submitted vote. Drafts are never counted; submitting the ballot
-- casts them as votes and deletes them.
CREATE TABLE catalogue_vote_drafts (
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    tier TEXT NOT NULL,
    comment TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (edition_id, journal_id, user_id)
);
CREATE INDEX catalogue_vote_drafts_user ON catalogue_vote_drafts (edition_id, user_id);

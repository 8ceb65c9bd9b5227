-- Expert ballots of evaluation rounds. A score is one expert's level on the system's scale for
-- one indicator of one conference; it is secret (only means and counts leave the ballot). One
-- comment per expert and conference, which the committee may release into the conference's
-- report. Drafts hold a ballot line as typed (JSON) and are never counted.
CREATE TABLE evaluation_scores (
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES evaluation_entries(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    expert_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    level INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, entry_id, indicator, expert_id)
);

CREATE TABLE evaluation_comments (
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES evaluation_entries(id) ON DELETE CASCADE,
    expert_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    comment TEXT NOT NULL,
    released BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, entry_id, expert_id)
);

CREATE TABLE evaluation_drafts (
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES evaluation_entries(id) ON DELETE CASCADE,
    expert_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, entry_id, expert_id)
);

-- The committee's overrides of a computed result: a grade and/or the designation as a
-- demonstrative conference, each with its reason (also in the round's audit log).
CREATE TABLE evaluation_overrides (
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES evaluation_entries(id) ON DELETE CASCADE,
    grade TEXT,
    demonstrative BOOLEAN,
    reason TEXT NOT NULL,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, entry_id)
);

-- A round's frozen platform metrics: one figure per conference (entry held in xuehui) and
-- metric, computed from the conference's own records when the round freezes its metrics, with
-- what was counted and when; recomputing one is the committee's explicit, logged act.
CREATE TABLE evaluation_figures (
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES evaluation_entries(id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    value DOUBLE PRECISION,
    numerator DOUBLE PRECISION NOT NULL,
    denominator DOUBLE PRECISION NOT NULL,
    missing TEXT,
    computed_at TIMESTAMP NOT NULL,
    computed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (round_id, entry_id, metric)
);

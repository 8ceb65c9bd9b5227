-- The committee's recommendations to one conference of a round, in both languages; they go
-- into the conference's report (page and PDF) with the released expert comments.
CREATE TABLE evaluation_recommendations (
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES evaluation_entries(id) ON DELETE CASCADE,
    text_zh TEXT NOT NULL,
    text_en TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, entry_id)
);

-- A round's results as published (JSON of the committee's full view), kept when the round is
-- published: published results are a record, read from here by every later page, badge and
-- report, and never recomputed (an expert's account deleted later does not change them).
CREATE TABLE evaluation_published_results (
    round_id BIGINT PRIMARY KEY REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL
);

-- A conference's self-report in a round: per indicator it reports (self-reported indicators,
-- and for a conference held outside xuehui also the platform metrics and the participants'
-- satisfaction, typed by hand and marked as such), a figure and/or a statement, and evidence
-- files. The experts check them; chairs write them until applications close.
CREATE TABLE evaluation_reports (
    id INTEGER PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES evaluation_entries(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    value DOUBLE PRECISION,
    statement TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX evaluation_reports_item ON evaluation_reports (entry_id, indicator);

CREATE TABLE evaluation_evidence (
    id INTEGER PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES evaluation_entries(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    file_id BIGINT NOT NULL REFERENCES files(id),
    uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX evaluation_evidence_entry ON evaluation_evidence (entry_id, indicator);

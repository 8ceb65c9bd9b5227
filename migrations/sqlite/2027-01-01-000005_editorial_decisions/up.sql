-- Editorial decisions after review, each with the letter to the authors in both languages as
-- the editor wrote it (or approved it). A section editor of a journal where they only recommend
-- makes a `proposed` decision, which a chief or managing editor approves (it becomes `final`
-- and takes effect) or refuses. And the authors' revisions: each opens the manuscript's next
-- round, with their response to the reviews.
CREATE TABLE editorial_decisions (
    id INTEGER PRIMARY KEY,
    manuscript_id BIGINT NOT NULL REFERENCES manuscripts(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    decision TEXT NOT NULL,
    status TEXT NOT NULL,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    subject_zh TEXT NOT NULL,
    body_zh TEXT NOT NULL,
    subject_en TEXT NOT NULL,
    body_en TEXT NOT NULL,
    note TEXT NOT NULL,
    resolved_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    resolved_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX editorial_decisions_manuscript ON editorial_decisions (manuscript_id, id);

CREATE TABLE manuscript_revisions (
    id INTEGER PRIMARY KEY,
    manuscript_id BIGINT NOT NULL REFERENCES manuscripts(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    response TEXT NOT NULL,
    submitted_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    submitted_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX manuscript_revisions_round ON manuscript_revisions (manuscript_id, round);

-- Speech contests of young scientists' forums: one contest per venue (optionally limited to a
-- track), its score form and award tiers (JSON, frozen once scored), its entries (accepted and
-- told papers, in talk order) and the judges' scores (one row per judge and entry).
CREATE TABLE contests (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    track_id BIGINT REFERENCES tracks(id) ON DELETE SET NULL,
    state TEXT NOT NULL,
    method TEXT NOT NULL,
    trim_count INTEGER NOT NULL,
    criteria TEXT NOT NULL,
    awards TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);
CREATE UNIQUE INDEX contests_venue ON contests (venue_id);

CREATE TABLE contest_entries (
    id INTEGER PRIMARY KEY,
    contest_id BIGINT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL
);
CREATE UNIQUE INDEX contest_entries_paper ON contest_entries (contest_id, submission_id);

CREATE TABLE contest_scores (
    id INTEGER PRIMARY KEY,
    contest_id BIGINT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES contest_entries(id) ON DELETE CASCADE,
    judge_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    points TEXT NOT NULL,
    comment TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX contest_scores_judge ON contest_scores (entry_id, judge_id);
CREATE INDEX contest_scores_contest ON contest_scores (contest_id);

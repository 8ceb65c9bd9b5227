-- Peer review, part 1: programme committees, expertise, conflicts, bids, affinities and
-- assignments. Keep in step with the other migration set and src/db/schema.rs.

-- A person's expertise keywords, used for affinity (comma separated, any language).
ALTER TABLE users ADD COLUMN expertise TEXT NOT NULL DEFAULT '';

-- Committee invitations and their answers; `user_id` is set once the invitee accepts.
CREATE TABLE committee_members (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    user_id BIGINT REFERENCES users(id),
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by BIGINT REFERENCES users(id),
    invited_at TIMESTAMP NOT NULL,
    responded_at TIMESTAMP,
    decline_reason TEXT NOT NULL DEFAULT '',
    suggestion TEXT NOT NULL DEFAULT '',
    min_load INTEGER,
    max_load INTEGER,
    UNIQUE (venue_id, email)
);
CREATE INDEX committee_members_user ON committee_members (user_id);

CREATE TABLE member_topics (
    member_id BIGINT NOT NULL REFERENCES committee_members(id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES venue_topics(id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, topic_id)
);

-- A reviewer's earlier papers (entered, or imported from accepted papers in xuehui).
CREATE TABLE past_papers (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    abstract_text TEXT NOT NULL DEFAULT '',
    year INTEGER,
    submission_id BIGINT REFERENCES submissions(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX past_papers_user ON past_papers (user_id);

-- Conflicts of interest: declared by authors or reviewers, set by chairs, or suggested by the
-- system for a chair to confirm or dismiss. Only `confirmed` ones bind.
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    decided_by BIGINT REFERENCES users(id),
    decided_at TIMESTAMP,
    UNIQUE (submission_id, user_id)
);
CREATE INDEX conflicts_venue ON conflicts (venue_id, status);
CREATE INDEX conflicts_user ON conflicts (user_id);

-- Bids: 2 eager, 1 willing, -1 in a pinch, -2 not willing.
CREATE TABLE bids (
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    value INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (submission_id, user_id)
);
CREATE INDEX bids_user ON bids (user_id);

-- Affinities imported from elsewhere (openreview-matcher's paper,reviewer,score).
CREATE TABLE imported_affinities (
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    score DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (submission_id, user_id)
);

-- Per-venue review settings: assignment defaults and affinity weights.
CREATE TABLE review_settings (
    venue_id BIGINT PRIMARY KEY REFERENCES venues(id) ON DELETE CASCADE,
    reviewers_per_paper INTEGER NOT NULL DEFAULT 3,
    min_load INTEGER NOT NULL DEFAULT 0,
    max_load INTEGER NOT NULL DEFAULT 6,
    weight_bid DOUBLE PRECISION NOT NULL DEFAULT 1,
    weight_topic DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    weight_text DOUBLE PRECISION NOT NULL DEFAULT 1,
    use_imported BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP NOT NULL
);

-- Papers that need another number of reviewers than the venue's setting.
CREATE TABLE paper_demands (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    reviewers INTEGER NOT NULL
);

-- Who reviews (or, as area chair, oversees) which paper.
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    source TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (submission_id, user_id, role)
);
CREATE INDEX assignments_venue ON assignments (venue_id, role);
CREATE INDEX assignments_user ON assignments (user_id);

-- A solver run the chair looks at before committing it (parameters and proposal as JSON).
CREATE TABLE assignment_runs (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    mode TEXT NOT NULL,
    params TEXT NOT NULL,
    proposal TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE INDEX assignment_runs_venue ON assignment_runs (venue_id, created_at);

-- Calls for papers and submissions. Keep in step with the postgres set and src/db/schema.rs.

ALTER TABLE users ADD COLUMN birth_year INTEGER;
ALTER TABLE venues ADD COLUMN online_url TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN age_limit INTEGER;
-- Last submission number handed out; incremented under the row lock so concurrent submitters
-- never get the same number.
ALTER TABLE venues ADD COLUMN submission_counter INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tracks ADD COLUMN age_limit INTEGER;

CREATE TABLE venue_topics (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE INDEX venue_topics_venue ON venue_topics (venue_id, position);

-- One call per venue (track_id NULL) or per track.
CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    track_id BIGINT REFERENCES tracks(id) ON DELETE CASCADE,
    abstract_deadline TIMESTAMP,
    paper_deadline TIMESTAMP NOT NULL,
    grace_minutes INTEGER NOT NULL DEFAULT 0,
    page_limit INTEGER,
    max_file_mb INTEGER NOT NULL DEFAULT 20,
    supp_max_mb INTEGER NOT NULL DEFAULT 50,
    anonymity TEXT NOT NULL,
    only_corresponding_edits BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX calls_venue ON calls (venue_id);

CREATE TABLE call_questions (
    id INTEGER PRIMARY KEY,
    call_id BIGINT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    required BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX call_questions_call ON call_questions (call_id, position);

-- Uploaded files; the bytes live in storage under their SHA-256.
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    original_name TEXT NOT NULL,
    page_count INTEGER,
    uploaded_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX files_sha256 ON files (sha256);

CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id),
    call_id BIGINT NOT NULL REFERENCES calls(id),
    track_id BIGINT REFERENCES tracks(id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    title_zh TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    abstract_text TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    answers TEXT NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL,
    pdf_file_id BIGINT REFERENCES files(id),
    supp_file_id BIGINT REFERENCES files(id),
    extension_until TIMESTAMP,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP,
    UNIQUE (venue_id, number)
);
CREATE INDEX submissions_venue ON submissions (venue_id, status);

CREATE TABLE submission_topics (
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES venue_topics(id) ON DELETE CASCADE,
    PRIMARY KEY (submission_id, topic_id)
);

CREATE TABLE submission_authors (
    id INTEGER PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name_zh TEXT NOT NULL DEFAULT '',
    name_latin TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL,
    affiliation TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    orcid TEXT,
    is_corresponding BOOLEAN NOT NULL DEFAULT FALSE,
    is_presenter BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX submission_authors_email ON submission_authors (email);
CREATE INDEX submission_authors_submission ON submission_authors (submission_id, position);

-- Every state a submission was in, with who changed it and when.
CREATE TABLE submission_versions (
    id INTEGER PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    event TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    pdf_file_id BIGINT REFERENCES files(id),
    supp_file_id BIGINT REFERENCES files(id),
    changed_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX submission_versions_submission ON submission_versions (submission_id, id);

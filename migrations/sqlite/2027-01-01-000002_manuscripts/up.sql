-- Manuscripts submitted to a journal: numbered per journal (the counter on the journal row
-- serialises numbering), with their authors (family and given names kept apart, as Crossref
-- and JATS need them), files per review round, and a history of what happened.
ALTER TABLE journals ADD COLUMN manuscript_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE manuscripts (
    id INTEGER PRIMARY KEY,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    section_id BIGINT NOT NULL REFERENCES journal_sections(id),
    number INTEGER NOT NULL,
    stage TEXT NOT NULL,
    round INTEGER NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    abstract_zh TEXT NOT NULL,
    abstract_en TEXT NOT NULL,
    keywords_zh TEXT NOT NULL,
    keywords_en TEXT NOT NULL,
    language TEXT NOT NULL,
    cover_letter TEXT NOT NULL,
    suggested_reviewers TEXT NOT NULL,
    opposed_reviewers TEXT NOT NULL,
    handling_editor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    submitted_by BIGINT NOT NULL REFERENCES users(id),
    submitted_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX manuscripts_number ON manuscripts (journal_id, number);
CREATE INDEX manuscripts_stage ON manuscripts (journal_id, stage);
CREATE INDEX manuscripts_submitter ON manuscripts (submitted_by);

CREATE TABLE manuscript_authors (
    id INTEGER PRIMARY KEY,
    manuscript_id BIGINT NOT NULL REFERENCES manuscripts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    family_zh TEXT NOT NULL,
    given_zh TEXT NOT NULL,
    family_en TEXT NOT NULL,
    given_en TEXT NOT NULL,
    email TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    country TEXT NOT NULL,
    orcid TEXT,
    corresponding BOOLEAN NOT NULL,
    confirmed_at TIMESTAMP
);
CREATE INDEX manuscript_authors_manuscript ON manuscript_authors (manuscript_id, position);
CREATE INDEX manuscript_authors_email ON manuscript_authors (email);

CREATE TABLE manuscript_files (
    id INTEGER PRIMARY KEY,
    manuscript_id BIGINT NOT NULL REFERENCES manuscripts(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    kind TEXT NOT NULL,
    file_id BIGINT NOT NULL REFERENCES files(id),
    uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX manuscript_files_manuscript ON manuscript_files (manuscript_id, round);

CREATE TABLE manuscript_events (
    id INTEGER PRIMARY KEY,
    manuscript_id BIGINT NOT NULL REFERENCES manuscripts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX manuscript_events_manuscript ON manuscript_events (manuscript_id, id);

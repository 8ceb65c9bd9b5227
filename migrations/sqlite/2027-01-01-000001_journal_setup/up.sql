-- A journal's editorial set-up: whether it takes manuscripts, how it reviews them, what authors
-- are told and what files they send, the review form, reviewer due dates and reminders, and
-- how its articles' DOIs are made. One row per journal; none means "not taking manuscripts".
CREATE TABLE journal_settings (
    journal_id BIGINT PRIMARY KEY REFERENCES journals(id) ON DELETE CASCADE,
    enabled BOOLEAN NOT NULL,
    review_mode TEXT NOT NULL,
    section_editors_decide BOOLEAN NOT NULL,
    guidelines_zh TEXT NOT NULL,
    guidelines_en TEXT NOT NULL,
    checklist TEXT NOT NULL,
    source_files TEXT NOT NULL,
    max_file_mb INTEGER NOT NULL,
    review_form TEXT,
    response_days INTEGER NOT NULL,
    review_days INTEGER NOT NULL,
    remind_before_days INTEGER NOT NULL,
    remind_after_days INTEGER NOT NULL,
    doi_prefix TEXT NOT NULL,
    doi_pattern TEXT NOT NULL,
    licence_url TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A journal's sections (articles, reviews, letters...): where manuscripts are submitted and
-- who handles them.
CREATE TABLE journal_sections (
    id INTEGER PRIMARY KEY,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    policy_zh TEXT NOT NULL,
    policy_en TEXT NOT NULL,
    open BOOLEAN NOT NULL,
    peer_reviewed BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX journal_sections_code ON journal_sections (journal_id, code);

-- The section editors of a section (each holds the journal's section_editor role).
CREATE TABLE journal_section_editors (
    section_id BIGINT NOT NULL REFERENCES journal_sections(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (section_id, user_id)
);
CREATE INDEX journal_section_editors_user ON journal_section_editors (user_id);

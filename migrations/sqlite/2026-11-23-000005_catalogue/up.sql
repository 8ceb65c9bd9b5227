-- Journal tiered catalogues: the journals register (basic data), fields, yearly editions with
-- their rules, nominations, indicators, the expert panel's votes, overrides, the proposed and
-- published entries, objections during public notice, and the audit log. Keep in step with
-- the other migration set and src/db/schema.rs.

-- Basic data of the register (the table itself came with the foundation).
ALTER TABLE journals ADD COLUMN eissn TEXT;
ALTER TABLE journals ADD COLUMN cn TEXT;
ALTER TABLE journals ADD COLUMN publisher TEXT NOT NULL DEFAULT '';
ALTER TABLE journals ADD COLUMN country TEXT NOT NULL DEFAULT '';
-- ISO 639-1 codes, comma-separated, e.g. `zh,en`.
ALTER TABLE journals ADD COLUMN languages TEXT NOT NULL DEFAULT '';
-- `basic`, `applied` or `popular`.
ALTER TABLE journals ADD COLUMN kind TEXT NOT NULL DEFAULT 'basic';
ALTER TABLE journals ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE journals ADD COLUMN updated_at TIMESTAMP;
CREATE UNIQUE INDEX journals_issn ON journals (issn);
CREATE UNIQUE INDEX journals_eissn ON journals (eissn);
CREATE UNIQUE INDEX journals_cn ON journals (cn);

-- Subject fields (计算, 材料, ...) journals belong to; an edition covers one field.
CREATE TABLE fields (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE journal_fields (
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    field_id BIGINT NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    PRIMARY KEY (journal_id, field_id)
);
CREATE INDEX journal_fields_field ON journal_fields (field_id);

-- A yearly edition of a field's catalogue, its phase and its rules. `rules` holds the
-- bilingual tier definitions and evaluation criteria (JSON); the numbers that drive the
-- aggregation are columns.
CREATE TABLE catalogue_editions (
    id INTEGER PRIMARY KEY,
    society_id BIGINT REFERENCES societies(id),
    field_id BIGINT NOT NULL REFERENCES fields(id),
    year INTEGER NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    phase TEXT NOT NULL,
    nomination_closes TIMESTAMP,
    evaluation_closes TIMESTAMP,
    notice_days INTEGER NOT NULL DEFAULT 15,
    notice_starts TIMESTAMP,
    notice_ends TIMESTAMP,
    published_at TIMESTAMP,
    method TEXT NOT NULL DEFAULT 'median',
    max_share_pct INTEGER NOT NULL DEFAULT 50,
    quota_t1 INTEGER,
    quota_t2 INTEGER,
    quota_t3 INTEGER,
    min_votes INTEGER NOT NULL DEFAULT 1,
    rules TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (field_id, year)
);

-- The indicator set of an edition, in priority order.
CREATE TABLE catalogue_indicators (
    id INTEGER PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    higher_is_better BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (edition_id, code)
);

CREATE TABLE catalogue_indicator_values (
    indicator_id BIGINT NOT NULL REFERENCES catalogue_indicators(id) ON DELETE CASCADE,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (indicator_id, journal_id)
);

-- One nomination per person per journal per edition.
CREATE TABLE catalogue_nominations (
    id INTEGER PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (edition_id, journal_id, user_id)
);
CREATE INDEX catalogue_nominations_journal ON catalogue_nominations (edition_id, journal_id);

-- A journal proposed for the register during nomination; the committee adds or declines it.
CREATE TABLE catalogue_proposals (
    id INTEGER PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    issn TEXT NOT NULL,
    website TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    journal_id BIGINT REFERENCES journals(id),
    decided_by BIGINT REFERENCES users(id),
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

-- Journals an expert declared a conflict with (editorships come from role grants).
CREATE TABLE catalogue_conflicts (
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (edition_id, user_id, journal_id)
);

-- An expert's vote: `T1`, `T2`, `T3` or `none` (not listed).
CREATE TABLE catalogue_votes (
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    tier TEXT NOT NULL,
    comment TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (edition_id, journal_id, user_id)
);
CREATE INDEX catalogue_votes_user ON catalogue_votes (edition_id, user_id);

-- The committee's current override of a journal's tier, with its reason (history: audit log).
CREATE TABLE catalogue_overrides (
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    tier TEXT NOT NULL,
    reason TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (edition_id, journal_id)
);

-- The proposal frozen at the start of public notice, then the published catalogue: one row
-- per listed journal, with why it landed there (JSON).
CREATE TABLE catalogue_entries (
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    journal_id BIGINT NOT NULL REFERENCES journals(id),
    tier TEXT NOT NULL,
    position INTEGER NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (edition_id, journal_id)
);

-- Objections (异议) filed during public notice and the committee's decision on each.
CREATE TABLE catalogue_objections (
    id INTEGER PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    journal_id BIGINT NOT NULL REFERENCES journals(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    decision_reason TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users(id),
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX catalogue_objections_edition ON catalogue_objections (edition_id, status);

-- Who did what and when: nominations, votes, overrides, objection decisions, phase changes.
CREATE TABLE catalogue_audit (
    id INTEGER PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id),
    action TEXT NOT NULL,
    journal_id BIGINT REFERENCES journals(id),
    detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX catalogue_audit_edition ON catalogue_audit (edition_id, id);

-- Evaluation rounds (e.g. "2026 demonstrative conferences") of a society: one final version of
-- an indicator system, deadlines, a quota of demonstrative conferences and the grade bands.
-- Committee and experts are role grants on the round; its log is the panel's.
CREATE TABLE evaluation_rounds (
    id INTEGER PRIMARY KEY,
    society_id BIGINT NOT NULL REFERENCES societies(id) ON DELETE CASCADE,
    slug TEXT NOT NULL UNIQUE,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    description_zh TEXT NOT NULL,
    description_en TEXT NOT NULL,
    system_id BIGINT NOT NULL REFERENCES evaluation_systems(id),
    system_version INTEGER NOT NULL,
    phase TEXT NOT NULL,
    applications_close TIMESTAMP,
    scoring_closes TIMESTAMP,
    notice_ends TIMESTAMP,
    quota INTEGER NOT NULL,
    grade_bands TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- The conferences taking part: a venue of xuehui (applied for by its chairs, or nominated by
-- the committee), or a conference held outside xuehui, named and described by hand and scored
-- on self-reported data only.
CREATE TABLE evaluation_entries (
    id INTEGER PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id) ON DELETE CASCADE,
    venue_id BIGINT REFERENCES venues(id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    organiser TEXT NOT NULL,
    held TEXT NOT NULL,
    website TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX evaluation_entries_venue ON evaluation_entries (round_id, venue_id);
CREATE INDEX evaluation_entries_round ON evaluation_entries (round_id, status);

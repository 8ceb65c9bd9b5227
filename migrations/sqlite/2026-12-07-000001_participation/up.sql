-- Participation: registration forms of a venue, a track or one session (capacity, categories,
-- questions, approval), registrations with their waiting list and check-in code, invitations
-- (speakers of accepted papers, guests), starred programme items and private agenda feeds,
-- check-ins per day and session, and anonymous feedback (receipts apart from answers).
CREATE TABLE registration_forms (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    scope_key TEXT NOT NULL,
    track_id BIGINT REFERENCES tracks(id) ON DELETE SET NULL,
    session_id BIGINT REFERENCES programme_sessions(id) ON DELETE SET NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    opens_at TIMESTAMP,
    closes_at TIMESTAMP,
    capacity INTEGER,
    taken INTEGER NOT NULL DEFAULT 0,
    approval BOOLEAN NOT NULL,
    offer_hours INTEGER NOT NULL,
    fee_note_zh TEXT NOT NULL,
    fee_note_en TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX registration_forms_scope ON registration_forms (venue_id, scope_key);

CREATE TABLE registration_categories (
    id INTEGER PRIMARY KEY,
    form_id BIGINT NOT NULL REFERENCES registration_forms(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    invited_only BOOLEAN NOT NULL
);
CREATE INDEX registration_categories_form ON registration_categories (form_id, position);

CREATE TABLE registration_questions (
    id INTEGER PRIMARY KEY,
    form_id BIGINT NOT NULL REFERENCES registration_forms(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    options TEXT NOT NULL,
    required BOOLEAN NOT NULL
);
CREATE INDEX registration_questions_form ON registration_questions (form_id, position);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    form_id BIGINT NOT NULL REFERENCES registration_forms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category_id BIGINT REFERENCES registration_categories(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    invited BOOLEAN NOT NULL,
    holds_place BOOLEAN NOT NULL,
    answers TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_latin TEXT NOT NULL,
    institution TEXT NOT NULL,
    country TEXT NOT NULL,
    birth_year INTEGER,
    code TEXT NOT NULL,
    queued_at TIMESTAMP,
    offer_until TIMESTAMP,
    fee TEXT NOT NULL,
    fee_note TEXT NOT NULL,
    fee_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    fee_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL
);
CREATE UNIQUE INDEX registrations_person ON registrations (form_id, user_id);
CREATE UNIQUE INDEX registrations_code ON registrations (code);
CREATE INDEX registrations_queue ON registrations (form_id, status, queued_at, id);
CREATE INDEX registrations_user ON registrations (user_id);

CREATE TABLE registration_invitations (
    id INTEGER PRIMARY KEY,
    form_id BIGINT NOT NULL REFERENCES registration_forms(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    category_id BIGINT REFERENCES registration_categories(id) ON DELETE SET NULL,
    submission_id BIGINT REFERENCES submissions(id) ON DELETE SET NULL,
    invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    registration_id BIGINT REFERENCES registrations(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX registration_invitations_person ON registration_invitations (form_id, email);
CREATE UNIQUE INDEX registration_invitations_token ON registration_invitations (token_hash);

CREATE TABLE agenda_stars (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    guid TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX agenda_stars_item ON agenda_stars (user_id, venue_id, guid);
CREATE INDEX agenda_stars_venue ON agenda_stars (venue_id, guid);

CREATE TABLE agenda_feeds (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX agenda_feeds_user ON agenda_feeds (user_id);
CREATE UNIQUE INDEX agenda_feeds_token ON agenda_feeds (token);

CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    place TEXT NOT NULL,
    by_user BIGINT REFERENCES users(id) ON DELETE SET NULL,
    at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX checkins_once ON checkins (registration_id, day, place);
CREATE INDEX checkins_venue ON checkins (venue_id, day, place);

CREATE TABLE survey_questions (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    scope TEXT NOT NULL,
    kind TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    required BOOLEAN NOT NULL
);
CREATE INDEX survey_questions_venue ON survey_questions (venue_id, scope, position);

CREATE TABLE survey_receipts (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    target TEXT NOT NULL
);
CREATE UNIQUE INDEX survey_receipts_once ON survey_receipts (user_id, venue_id, target);

CREATE TABLE survey_answers (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    answers TEXT NOT NULL
);
CREATE INDEX survey_answers_target ON survey_answers (venue_id, target);

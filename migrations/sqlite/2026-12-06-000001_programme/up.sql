-- Programmes: a venue's rooms, its sessions (blocks of time in a room) with their people and
-- ordered slots (talks of accepted papers, invited talks, panels, free items; a slot without
-- a session is unscheduled), speakers' unavailable times, the programme settings (slot
-- defaults per decision, the draft's revision), proposals of the automatic scheduler, and
-- published releases, each a frozen JSON snapshot with its changelog.
CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    position INTEGER NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    capacity INTEGER,
    location TEXT NOT NULL,
    online_url TEXT NOT NULL,
    recorded BOOLEAN NOT NULL,
    streamed BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX rooms_venue ON rooms (venue_id, position);

CREATE TABLE programme_sessions (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    kind TEXT NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    room_id BIGINT REFERENCES rooms(id) ON DELETE SET NULL,
    track_id BIGINT REFERENCES tracks(id) ON DELETE SET NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    capacity INTEGER,
    version INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX programme_sessions_venue ON programme_sessions (venue_id, starts_at);

CREATE TABLE programme_session_people (
    id INTEGER PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES programme_sessions(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    name_zh TEXT NOT NULL,
    name_latin TEXT NOT NULL,
    email TEXT NOT NULL,
    affiliation TEXT NOT NULL
);
CREATE INDEX programme_session_people_session ON programme_session_people (session_id, role, position);

CREATE TABLE programme_slots (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    session_id BIGINT REFERENCES programme_sessions(id) ON DELETE SET NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    submission_id BIGINT REFERENCES submissions(id) ON DELETE CASCADE,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    abstract_text TEXT NOT NULL,
    language TEXT NOT NULL,
    speakers TEXT NOT NULL,
    duration_min INTEGER NOT NULL,
    pinned BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX programme_slots_paper ON programme_slots (submission_id);
CREATE INDEX programme_slots_venue ON programme_slots (venue_id, session_id, position);

CREATE TABLE speaker_unavailability (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX speaker_unavailability_venue ON speaker_unavailability (venue_id, email);

CREATE TABLE programme_settings (
    venue_id BIGINT PRIMARY KEY REFERENCES venues(id) ON DELETE CASCADE,
    defaults TEXT NOT NULL,
    revision BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE programme_proposals (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    mode TEXT NOT NULL,
    revision BIGINT NOT NULL,
    result TEXT NOT NULL,
    requested_by BIGINT NOT NULL REFERENCES users(id),
    requested_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX programme_proposals_venue ON programme_proposals (venue_id, id);

CREATE TABLE programme_releases (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    comment_zh TEXT NOT NULL,
    comment_en TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    changes TEXT NOT NULL,
    revision BIGINT NOT NULL,
    published_by BIGINT NOT NULL REFERENCES users(id),
    published_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX programme_releases_number ON programme_releases (venue_id, number);
CREATE UNIQUE INDEX programme_releases_name ON programme_releases (venue_id, name);

-- A mail may carry one text attachment (a speaker's .ics with their talks).
ALTER TABLE mails ADD COLUMN attachment_name TEXT NOT NULL DEFAULT '';
ALTER TABLE mails ADD COLUMN attachment_type TEXT NOT NULL DEFAULT '';
ALTER TABLE mails ADD COLUMN attachment TEXT NOT NULL DEFAULT '';

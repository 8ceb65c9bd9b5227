-- Salon minutes (纪要): one document per salon venue (title, introduction, outlook, state and
-- review deadline) and its ordered statements (main viewpoints and dissenting views, verbatim,
-- each with its speaker, attribution and the speaker's review).
CREATE TABLE salon_minutes (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    intro_zh TEXT NOT NULL,
    intro_en TEXT NOT NULL,
    outlook_zh TEXT NOT NULL,
    outlook_en TEXT NOT NULL,
    status TEXT NOT NULL,
    review_deadline TIMESTAMP,
    sent_at TIMESTAMP,
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX salon_minutes_venue ON salon_minutes (venue_id);

CREATE TABLE salon_minutes_statements (
    id INTEGER PRIMARY KEY,
    minutes_id BIGINT NOT NULL REFERENCES salon_minutes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text_zh TEXT NOT NULL,
    text_en TEXT NOT NULL,
    speaker_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    speaker_name TEXT NOT NULL,
    attribution TEXT NOT NULL,
    review TEXT NOT NULL,
    review_comment TEXT NOT NULL,
    proposed_zh TEXT NOT NULL,
    proposed_en TEXT NOT NULL,
    writer_reply TEXT NOT NULL,
    reviewed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX salon_minutes_statements_minutes ON salon_minutes_statements (minutes_id, position);
CREATE INDEX salon_minutes_statements_speaker ON salon_minutes_statements (speaker_id);

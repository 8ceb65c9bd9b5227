-- A youth forum's topics: commissioned by its chairs or proposed openly and decided with a
-- reason; an adopted topic becomes one of the venue's topics (authors choose it, reviewers
-- declare it as expertise).
CREATE TABLE forum_topics (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description TEXT NOT NULL,
    convener TEXT NOT NULL,
    convener_email TEXT NOT NULL,
    proposed_by BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    decision_note TEXT NOT NULL,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at TIMESTAMP,
    topic_id BIGINT REFERENCES venue_topics(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_topics_venue ON forum_topics (venue_id, status, created_at);

-- Peer review, part 2: review forms, the review phase's dates and rules, reviews and
-- meta-reviews, discussion, author responses and decisions. Keep in step with the other
-- migration set and src/db/schema.rs.

-- A venue's review form (JSON list of fields); venues without a row use the default form.
CREATE TABLE review_forms (
    venue_id BIGINT PRIMARY KEY REFERENCES venues(id) ON DELETE CASCADE,
    fields TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- The review phase of a venue: deadline, reminders, who sees what when, author response.
CREATE TABLE review_phases (
    venue_id BIGINT PRIMARY KEY REFERENCES venues(id) ON DELETE CASCADE,
    review_deadline TIMESTAMP,
    reminder_days TEXT NOT NULL DEFAULT '7,2',
    discussion_after_review BOOLEAN NOT NULL DEFAULT TRUE,
    reviews_to_authors BOOLEAN NOT NULL DEFAULT FALSE,
    rebuttal_opens TIMESTAMP,
    rebuttal_deadline TIMESTAMP,
    rebuttal_max_chars INTEGER NOT NULL DEFAULT 5000,
    decision_labels TEXT NOT NULL DEFAULT '[]',
    updated_at TIMESTAMP NOT NULL
);

-- Reviews (`review`) and area chairs' meta-reviews (`meta`); answers are JSON keyed by the
-- form's field keys; overall and confidence are copied out for ranking.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    answers TEXT NOT NULL,
    overall INTEGER,
    confidence INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    edits_after_submit INTEGER NOT NULL DEFAULT 0,
    UNIQUE (submission_id, user_id, kind)
);
CREATE INDEX reviews_venue ON reviews (venue_id, status);
CREATE INDEX reviews_user ON reviews (user_id);

-- Discussion among a paper's reviewers, area chair and chairs.
CREATE TABLE discussion_posts (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX discussion_posts_paper ON discussion_posts (submission_id, id);

-- The authors' response to the reviews.
CREATE TABLE rebuttals (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL
);

-- The chair's decision on a paper and when the authors were told.
CREATE TABLE decisions (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    decided_by BIGINT NOT NULL REFERENCES users(id),
    decided_at TIMESTAMP NOT NULL,
    notified_at TIMESTAMP
);
CREATE INDEX decisions_venue ON decisions (venue_id);

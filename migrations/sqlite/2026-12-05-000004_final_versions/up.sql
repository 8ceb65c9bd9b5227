-- After acceptance: the final-version phase of a call, each accepted paper's final version
-- (absent row = nothing uploaded yet), author-list changes waiting for a chair, the authors'
-- consent to the venue's licence, and proceedings volumes built from approved finals.
CREATE TABLE final_phases (
    call_id BIGINT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
    opens_at TIMESTAMP,
    deadline TIMESTAMP NOT NULL,
    page_limit INTEGER,
    source_required BOOLEAN NOT NULL,
    changes_required BOOLEAN NOT NULL,
    template_name TEXT NOT NULL,
    template_url TEXT NOT NULL,
    licence TEXT NOT NULL,
    consent_zh TEXT NOT NULL,
    consent_en TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE final_versions (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    version INTEGER,
    pdf_file_id BIGINT REFERENCES files(id),
    source_file_id BIGINT REFERENCES files(id),
    changes TEXT NOT NULL,
    pages INTEGER,
    warnings TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id),
    uploaded_at TIMESTAMP,
    message TEXT NOT NULL,
    reviewed_by BIGINT REFERENCES users(id),
    reviewed_at TIMESTAMP,
    authors_confirmed_at TIMESTAMP,
    authors_confirmed_by BIGINT REFERENCES users(id),
    reminded_at TIMESTAMP,
    withdrawn_reason TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX final_versions_venue ON final_versions (venue_id, status);

CREATE TABLE final_author_changes (
    id INTEGER PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    authors TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_by BIGINT NOT NULL REFERENCES users(id),
    requested_at TIMESTAMP NOT NULL,
    decided_by BIGINT REFERENCES users(id),
    decided_at TIMESTAMP,
    note TEXT NOT NULL
);
CREATE INDEX final_author_changes_paper ON final_author_changes (submission_id, status);

CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    signer_name TEXT NOT NULL,
    signer_email TEXT NOT NULL,
    licence TEXT NOT NULL,
    text_zh TEXT NOT NULL,
    text_en TEXT NOT NULL,
    digest TEXT NOT NULL,
    ip TEXT NOT NULL,
    accepted_at TIMESTAMP NOT NULL
);
CREATE INDEX consents_paper ON consents (submission_id, id);

CREATE TABLE proceedings_volumes (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL UNIQUE REFERENCES venues(id) ON DELETE CASCADE,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    subtitle_zh TEXT NOT NULL,
    subtitle_en TEXT NOT NULL,
    series TEXT NOT NULL,
    volume TEXT NOT NULL,
    publisher TEXT NOT NULL,
    place TEXT NOT NULL,
    year INTEGER NOT NULL,
    isbn TEXT NOT NULL,
    doi TEXT NOT NULL,
    preface_zh TEXT NOT NULL,
    preface_en TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL,
    build_stamp TEXT NOT NULL,
    pdf_file_id BIGINT REFERENCES files(id),
    pages INTEGER,
    built_at TIMESTAMP,
    published_at TIMESTAMP,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE proceedings_papers (
    volume_id BIGINT NOT NULL REFERENCES proceedings_volumes(id) ON DELETE CASCADE,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    part_zh TEXT NOT NULL,
    part_en TEXT NOT NULL,
    first_page INTEGER NOT NULL,
    last_page INTEGER NOT NULL,
    file_id BIGINT REFERENCES files(id),
    PRIMARY KEY (volume_id, submission_id)
);

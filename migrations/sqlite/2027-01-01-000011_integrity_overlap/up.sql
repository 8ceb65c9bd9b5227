-- Research integrity, text and overlap: the text read from the current PDF of every paper and
-- manuscript (one document each, whatever venue or journal it belongs to), the winnowed
-- fingerprints of that text, the overlaps found between documents (one row per side, so each
-- venue or journal decides on its own side), each venue's dual-submission policy, and an audit
-- log of every read and decision.
CREATE TABLE integrity_documents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    source_id BIGINT NOT NULL,
    venue_id BIGINT REFERENCES venues (id),
    journal_id BIGINT REFERENCES journals (id),
    file_id BIGINT REFERENCES files (id),
    state TEXT NOT NULL,
    problem TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    fingerprints INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL,
    compared_at TIMESTAMP
);
CREATE UNIQUE INDEX integrity_documents_source ON integrity_documents (kind, source_id);
CREATE INDEX integrity_documents_venue ON integrity_documents (venue_id);
CREATE INDEX integrity_documents_journal ON integrity_documents (journal_id);

CREATE TABLE integrity_fingerprints (
    document_id BIGINT NOT NULL REFERENCES integrity_documents (id) ON DELETE CASCADE,
    hash BIGINT NOT NULL,
    PRIMARY KEY (document_id, hash)
);
CREATE INDEX integrity_fingerprints_hash ON integrity_fingerprints (hash);

CREATE TABLE integrity_flags (
    id INTEGER PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES integrity_documents (id) ON DELETE CASCADE,
    other_document_id BIGINT NOT NULL REFERENCES integrity_documents (id) ON DELETE CASCADE,
    own_permille INTEGER NOT NULL,
    other_permille INTEGER NOT NULL,
    passages INTEGER NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users (id),
    decided_at TIMESTAMP,
    found_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX integrity_flags_pair ON integrity_flags (document_id, other_document_id);
CREATE INDEX integrity_flags_other ON integrity_flags (other_document_id);

CREATE TABLE integrity_policies (
    venue_id BIGINT PRIMARY KEY REFERENCES venues (id),
    dual_submission TEXT NOT NULL,
    updated_by BIGINT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

-- What a paper's authors declared about related submissions (under the "declared" policy).
CREATE TABLE integrity_declarations (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions (id),
    related TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE integrity_audit (
    id INTEGER PRIMARY KEY,
    user_id BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    venue_id BIGINT REFERENCES venues (id),
    journal_id BIGINT REFERENCES journals (id),
    flag_id BIGINT REFERENCES integrity_flags (id) ON DELETE SET NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX integrity_audit_venue ON integrity_audit (venue_id, id);
CREATE INDEX integrity_audit_journal ON integrity_audit (journal_id, id);

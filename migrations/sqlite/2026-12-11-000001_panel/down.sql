CREATE TABLE catalogue_conflicts (
    edition_id BIGINT NOT NULL REFERENCES catalogue_editions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (edition_id, user_id, journal_id)
);
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

INSERT INTO catalogue_conflicts (edition_id, user_id, journal_id, reason, created_at)
    SELECT round_id, user_id, subject_id, reason, created_at FROM panel_conflicts WHERE round_kind = 'catalogue';
INSERT INTO catalogue_objections (id, edition_id, journal_id, user_id, reason, status, decision_reason, decided_by, decided_at, created_at)
    SELECT id, round_id, subject_id, user_id, reason, status, decision_reason, decided_by, decided_at, created_at FROM panel_objections WHERE round_kind = 'catalogue';
INSERT INTO catalogue_audit (id, edition_id, user_id, action, journal_id, detail, created_at)
    SELECT id, round_id, user_id, action, subject_id, detail, created_at FROM panel_audit WHERE round_kind = 'catalogue';

DROP TABLE panel_audit;
DROP TABLE panel_objections;
DROP TABLE panel_conflicts;

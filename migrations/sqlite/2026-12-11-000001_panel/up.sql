-- What an expert panel round shares, whatever it judges: a catalogue edition judges journals,
-- an evaluation round judges conferences. A round is (round_kind, round_id); what is judged
-- is its subject (subject_id: a journal, a conference), checked by the round's own code.

-- Subjects an expert declared a conflict with (automatic conflicts come from the records).
CREATE TABLE panel_conflicts (
    round_kind TEXT NOT NULL,
    round_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    subject_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_kind, round_id, user_id, subject_id)
);

-- Objections (异议) filed during public notice and the committee's decision on each.
CREATE TABLE panel_objections (
    id INTEGER PRIMARY KEY,
    round_kind TEXT NOT NULL,
    round_id BIGINT NOT NULL,
    subject_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    decision_reason TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users(id),
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX panel_objections_round ON panel_objections (round_kind, round_id, status);

-- Who did what and when in a round: members, votes, overrides, objections, phase changes.
CREATE TABLE panel_audit (
    id INTEGER PRIMARY KEY,
    round_kind TEXT NOT NULL,
    round_id BIGINT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    action TEXT NOT NULL,
    subject_id BIGINT,
    detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX panel_audit_round ON panel_audit (round_kind, round_id, id);

INSERT INTO panel_conflicts (round_kind, round_id, user_id, subject_id, reason, created_at)
    SELECT 'catalogue', edition_id, user_id, journal_id, reason, created_at FROM catalogue_conflicts;
INSERT INTO panel_objections (id, round_kind, round_id, subject_id, user_id, reason, status, decision_reason, decided_by, decided_at, created_at)
    SELECT id, 'catalogue', edition_id, journal_id, user_id, reason, status, decision_reason, decided_by, decided_at, created_at FROM catalogue_objections;
INSERT INTO panel_audit (id, round_kind, round_id, user_id, action, subject_id, detail, created_at)
    SELECT id, 'catalogue', edition_id, user_id, action, journal_id, detail, created_at FROM catalogue_audit;

DROP TABLE catalogue_conflicts;
DROP TABLE catalogue_objections;
DROP TABLE catalogue_audit;

-- Research integrity, misconduct cases: reports to a society's integrity committee and the case
-- file each becomes (the people accused, every entry with who may read it, deadlines, the
-- ruling), the sanctions a ruling imposes across the society's venues and journals, and an audit
-- log of every read and change of a case.
CREATE TABLE integrity_cases (
    id INTEGER PRIMARY KEY,
    society_id BIGINT NOT NULL REFERENCES societies (id),
    number INTEGER NOT NULL,
    subject_kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    state TEXT NOT NULL,
    reporter_id BIGINT REFERENCES users (id),
    reporter_email TEXT NOT NULL DEFAULT '',
    anonymous BOOLEAN NOT NULL DEFAULT FALSE,
    reporter_lang TEXT NOT NULL,
    mailbox_nonce TEXT NOT NULL,
    mailbox_hash TEXT NOT NULL,
    due_at TIMESTAMP,
    outcome TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE UNIQUE INDEX integrity_cases_number ON integrity_cases (society_id, number);
CREATE UNIQUE INDEX integrity_cases_mailbox ON integrity_cases (mailbox_hash);

CREATE TABLE integrity_case_parties (
    id INTEGER PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES integrity_cases (id),
    user_id BIGINT REFERENCES users (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    lang TEXT NOT NULL,
    link_nonce TEXT NOT NULL,
    link_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX integrity_case_parties_link ON integrity_case_parties (link_hash);
CREATE UNIQUE INDEX integrity_case_parties_email ON integrity_case_parties (case_id, email);

CREATE TABLE integrity_case_entries (
    id INTEGER PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES integrity_cases (id),
    kind TEXT NOT NULL,
    step TEXT,
    author TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    party_id BIGINT REFERENCES integrity_case_parties (id),
    audience TEXT NOT NULL,
    body TEXT NOT NULL,
    due_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX integrity_case_entries_case ON integrity_case_entries (case_id, id);

CREATE TABLE integrity_sanctions (
    id INTEGER PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES integrity_cases (id),
    society_id BIGINT NOT NULL REFERENCES societies (id),
    party_id BIGINT NOT NULL REFERENCES integrity_case_parties (id),
    user_id BIGINT REFERENCES users (id),
    email TEXT NOT NULL,
    bars TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    lifted_at TIMESTAMP
);
CREATE INDEX integrity_sanctions_email ON integrity_sanctions (society_id, email);
CREATE INDEX integrity_sanctions_user ON integrity_sanctions (society_id, user_id);

CREATE TABLE integrity_case_audit (
    id INTEGER PRIMARY KEY,
    society_id BIGINT NOT NULL REFERENCES societies (id),
    case_id BIGINT REFERENCES integrity_cases (id),
    user_id BIGINT REFERENCES users (id),
    party_id BIGINT REFERENCES integrity_case_parties (id),
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX integrity_case_audit_case ON integrity_case_audit (society_id, case_id, id);

-- Indicator systems (指标体系) of an evaluating body (a society, or the association above it,
-- itself a society in xuehui).
CREATE TABLE evaluation_systems (
    id INTEGER PRIMARY KEY,
    society_id BIGINT NOT NULL REFERENCES societies(id) ON DELETE CASCADE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX evaluation_systems_society ON evaluation_systems (society_id);

-- Versions of a system: the definition (dimensions, indicators, weights, rules, expert scale)
-- as JSON. The latest version is a draft until it is finalised (by hand or when a round takes
-- it); a finalised version never changes, and editing it makes the next version.
CREATE TABLE evaluation_system_versions (
    id INTEGER PRIMARY KEY,
    system_id BIGINT NOT NULL REFERENCES evaluation_systems(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    note TEXT NOT NULL,
    finalised_at TIMESTAMP,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX evaluation_system_versions_number ON evaluation_system_versions (system_id, version);

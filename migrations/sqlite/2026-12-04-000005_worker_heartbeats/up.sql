-- Job workers announce themselves and heartbeat, so the jobs of a worker that died (its
-- heartbeat is stale, or its process on the same host is gone) are claimed again at once
-- instead of after their lease.
CREATE TABLE workers (
    id TEXT PRIMARY KEY NOT NULL,
    host TEXT NOT NULL,
    pid BIGINT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    heartbeat_at TIMESTAMP NOT NULL
);
CREATE INDEX workers_heartbeat ON workers (heartbeat_at);
CREATE INDEX jobs_locked_by ON jobs (locked_by);

-- Login failures remember the client address, so the lock applies per (account, client) pair;
-- jobs get a priority, so user-facing mail is claimed before bulk work such as indexing.
ALTER TABLE login_failures ADD COLUMN client TEXT;
CREATE INDEX login_failures_pair ON login_failures (scope, scope_key, client, failed_at);

ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_ready_priority ON jobs (state, priority, run_at);

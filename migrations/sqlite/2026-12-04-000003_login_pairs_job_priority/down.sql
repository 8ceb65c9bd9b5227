DROP INDEX jobs_ready_priority;
ALTER TABLE jobs DROP COLUMN priority;
DROP INDEX login_failures_pair;
ALTER TABLE login_failures DROP COLUMN client;

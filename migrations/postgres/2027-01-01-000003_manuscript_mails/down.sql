DROP TABLE manuscript_mails;
ALTER TABLE mails DROP COLUMN last_attempt_at;
ALTER TABLE mails DROP COLUMN last_error;
ALTER TABLE mails DROP COLUMN attempts;

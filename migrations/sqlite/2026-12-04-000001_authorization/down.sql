ALTER TABLE submission_authors DROP COLUMN confirmed_at;
DROP TABLE journal_staff_changes;
ALTER TABLE discussion_posts DROP COLUMN role;

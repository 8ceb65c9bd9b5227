-- A discussion post keeps the part its writer had when writing it, so a reviewer who is later
-- unassigned is not shown as a chair. Existing posts take the part their writer has now.
ALTER TABLE discussion_posts ADD COLUMN role TEXT NOT NULL DEFAULT 'chair';
UPDATE discussion_posts SET role = 'reviewer' WHERE EXISTS (
    SELECT 1 FROM assignments a
    WHERE a.submission_id = discussion_posts.submission_id AND a.user_id = discussion_posts.user_id AND a.role = 'reviewer');
UPDATE discussion_posts SET role = 'area_chair' WHERE EXISTS (
    SELECT 1 FROM assignments a
    WHERE a.submission_id = discussion_posts.submission_id AND a.user_id = discussion_posts.user_id AND a.role = 'area_chair');

-- Who added or removed a journal's editors and board members, and when: staff roles decide
-- catalogue conflicts, so every change is kept.
CREATE TABLE journal_staff_changes (
    id INTEGER PRIMARY KEY,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    changed_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX journal_staff_changes_journal ON journal_staff_changes (journal_id, id);

-- Being listed as an author gives no rights until that person confirms it (the submitter
-- confirms by submitting). Authors whose address already belongs to a confirmed account keep
-- the rights they had.
ALTER TABLE submission_authors ADD COLUMN confirmed_at TIMESTAMP;
UPDATE submission_authors SET confirmed_at = CURRENT_TIMESTAMP
    WHERE email IN (SELECT email FROM users WHERE email_verified_at IS NOT NULL);

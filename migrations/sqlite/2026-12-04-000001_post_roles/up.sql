-- A discussion post keeps the part its writer had when writing it, so a reviewer who is later
-- unassigned is not shown as a chair. Existing posts take the part their writer has now.
ALTER TABLE discussion_posts ADD COLUMN role TEXT NOT NULL DEFAULT 'chair';
UPDATE discussion_posts SET role = 'reviewer' WHERE EXISTS (
    SELECT 1 FROM assignments a
    WHERE a.submission_id = discussion_posts.submission_id AND a.user_id = discussion_posts.user_id AND a.role = 'reviewer');
UPDATE discussion_posts SET role = 'area_chair' WHERE EXISTS (
    SELECT 1 FROM assignments a
    WHERE a.submission_id = discussion_posts.submission_id AND a.user_id = discussion_posts.user_id AND a.role = 'area_chair');

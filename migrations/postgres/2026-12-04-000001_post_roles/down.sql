ALTER TABLE discussion_posts DROP COLUMN role;

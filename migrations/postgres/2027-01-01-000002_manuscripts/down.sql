DROP TABLE manuscript_events;
DROP TABLE manuscript_files;
DROP TABLE manuscript_authors;
DROP TABLE manuscripts;
ALTER TABLE journals DROP COLUMN manuscript_count;

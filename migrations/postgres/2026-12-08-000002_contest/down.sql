DROP TABLE contest_scores;
DROP TABLE contest_entries;
DROP TABLE contests;

DROP TABLE evaluation_entries;
DROP TABLE evaluation_rounds;

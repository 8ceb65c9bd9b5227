DROP TABLE manuscript_revisions;
DROP TABLE editorial_decisions;

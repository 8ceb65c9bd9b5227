DROP TABLE evaluation_drafts;
DROP TABLE evaluation_comments;
DROP TABLE evaluation_scores;

DROP INDEX catalogue_vote_drafts_user;
DROP TABLE catalogue_vote_drafts;

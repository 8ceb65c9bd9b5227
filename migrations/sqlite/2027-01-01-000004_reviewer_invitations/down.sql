DROP TABLE reviewer_invitations;

DROP TABLE reviewer_copies;

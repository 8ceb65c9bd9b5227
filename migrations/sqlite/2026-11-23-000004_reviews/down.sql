DROP TABLE decisions;
DROP TABLE rebuttals;
DROP TABLE discussion_posts;
DROP TABLE reviews;
DROP TABLE review_phases;
DROP TABLE review_forms;

DROP TABLE forum_topics;

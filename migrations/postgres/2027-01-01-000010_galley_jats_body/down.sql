ALTER TABLE article_galleys DROP COLUMN jats_body;

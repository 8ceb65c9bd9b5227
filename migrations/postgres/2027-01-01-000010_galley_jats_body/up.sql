-- An HTML galley's text as the inside of a JATS <body>, read once when the galley is uploaded,
-- so an article's JATS carries its body (NULL for PDF galleys and HTML without text).
ALTER TABLE article_galleys ADD COLUMN jats_body TEXT;

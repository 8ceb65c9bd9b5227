DROP TABLE article_galleys;
DROP TABLE article_authors;
DROP TABLE articles;
DROP TABLE journal_issues;

DROP TABLE crossref_deposits;

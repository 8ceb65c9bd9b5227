-- A journal's issues and the articles it publishes. An article is made when a manuscript is
-- accepted (its metadata and authors copied, so copyediting can correct them without touching
-- what was reviewed), gets galleys (PDF, HTML) in production, a place in an issue with pages or
-- an article number and a DOI, and is published with its issue. Published articles keep their
-- DOI and place: an issue's table of contents is frozen once it is out.
CREATE TABLE journal_issues (
    id INTEGER PRIMARY KEY,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    volume INTEGER NOT NULL,
    number INTEGER NOT NULL,
    year INTEGER NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    cover_file_id BIGINT REFERENCES files(id),
    published_on DATE,
    published_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX journal_issues_number ON journal_issues (journal_id, volume, number);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    journal_id BIGINT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    manuscript_id BIGINT REFERENCES manuscripts(id) ON DELETE SET NULL,
    section_id BIGINT NOT NULL REFERENCES journal_sections(id),
    issue_id BIGINT REFERENCES journal_issues(id),
    seq INTEGER,
    first_page TEXT NOT NULL,
    last_page TEXT NOT NULL,
    article_number TEXT NOT NULL,
    doi TEXT,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    abstract_zh TEXT NOT NULL,
    abstract_en TEXT NOT NULL,
    keywords_zh TEXT NOT NULL,
    keywords_en TEXT NOT NULL,
    language TEXT NOT NULL,
    licence_url TEXT NOT NULL,
    refs TEXT NOT NULL,
    received_on DATE NOT NULL,
    revised_on DATE,
    accepted_on DATE NOT NULL,
    published_on DATE,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX articles_manuscript ON articles (manuscript_id);
CREATE UNIQUE INDEX articles_doi ON articles (doi);
CREATE INDEX articles_issue ON articles (issue_id, seq);
CREATE INDEX articles_journal ON articles (journal_id, published_on);

CREATE TABLE article_authors (
    id INTEGER PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    family_zh TEXT NOT NULL,
    given_zh TEXT NOT NULL,
    family_en TEXT NOT NULL,
    given_en TEXT NOT NULL,
    email TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    country TEXT NOT NULL,
    orcid TEXT,
    corresponding BOOLEAN NOT NULL
);
CREATE INDEX article_authors_article ON article_authors (article_id, position);

CREATE TABLE article_galleys (
    id INTEGER PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    file_id BIGINT NOT NULL REFERENCES files(id),
    uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX article_galleys_kind ON article_galleys (article_id, kind, lang);

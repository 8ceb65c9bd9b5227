-- What the OAI-PMH endpoint serves: one record per published journal article and per paper of
-- a published proceedings volume, its metadata rendered once (Dublin Core, and JATS for
-- articles) when the item changes. The datestamp moves only when the rendered metadata does, so
-- harvesters fetch again only what really changed; an item that stops being public stays as a
-- deleted record (the repository's deletedRecord policy is "persistent").
CREATE TABLE oai_records (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    set_top TEXT NOT NULL,
    set_spec TEXT NOT NULL,
    set_name_zh TEXT NOT NULL,
    set_name_en TEXT NOT NULL,
    datestamp TIMESTAMP NOT NULL,
    deleted BOOLEAN NOT NULL,
    dc_xml TEXT NOT NULL,
    jats_xml TEXT
);
CREATE UNIQUE INDEX oai_records_item ON oai_records (kind, item_id);
CREATE INDEX oai_records_datestamp ON oai_records (datestamp, id);
CREATE INDEX oai_records_set_top ON oai_records (set_top, datestamp, id);
CREATE INDEX oai_records_set_spec ON oai_records (set_spec, datestamp, id);

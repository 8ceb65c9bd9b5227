DROP TABLE oai_records;

-- A file of evidence carried by an entry of a case file (reporter's, committee's or the
-- accused's); it is read by whoever may read the entry.
ALTER TABLE integrity_case_entries ADD COLUMN file_id BIGINT REFERENCES files (id);

ALTER TABLE integrity_case_entries DROP COLUMN file_id;

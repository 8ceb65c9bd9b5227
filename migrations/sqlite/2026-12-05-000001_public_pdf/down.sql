ALTER TABLE submissions DROP COLUMN pdf_public;

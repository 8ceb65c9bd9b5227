ALTER TABLE catalogue_indicators DROP COLUMN source;

ALTER TABLE venues DROP COLUMN opened_at;

-- A venue starts as a draft that only its chairs see; "open the call" makes it public and
-- lets authors submit. Venues that existed before were public from their creation.
ALTER TABLE venues ADD COLUMN opened_at TIMESTAMP;
UPDATE venues SET opened_at = created_at;

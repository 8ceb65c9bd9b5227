ALTER TABLE venues DROP COLUMN previous_venue_id;

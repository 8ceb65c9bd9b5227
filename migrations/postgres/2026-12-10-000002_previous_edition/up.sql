-- Editions of one conference series: each venue may name the edition before it, so the
-- evaluation counts earlier editions held in xuehui and compares a conference across years.
ALTER TABLE venues ADD COLUMN previous_venue_id BIGINT REFERENCES venues(id) ON DELETE SET NULL;

-- Where an indicator's values come from: `manual` (typed or imported from CSV, as before), or
-- computed from the journals' own published articles on this platform: `platform_articles`
-- (articles published in the year before the edition's) and `platform_days_to_publication`
-- (the median days from receipt to publication of those articles).
ALTER TABLE catalogue_indicators ADD COLUMN source TEXT NOT NULL DEFAULT 'manual';

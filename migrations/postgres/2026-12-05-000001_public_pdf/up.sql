-- Authors may agree that the current PDF of their paper is public once it is accepted and
-- they have been told (the public paper page, /venues/{slug}/papers/{number}). Off by default.
ALTER TABLE submissions ADD COLUMN pdf_public BOOLEAN NOT NULL DEFAULT FALSE;

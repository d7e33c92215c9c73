-- Other names a character goes by in a credit ("Mr. Nobody" for The Tracker), as a JSON
-- array of strings: asked for by those names too (/faq, /cast).
ALTER TABLE credits ADD COLUMN aka TEXT NOT NULL DEFAULT '[]';

-- The shipped title a guild release dates (one added while that title was TBA): it stays
-- that title's date in the guild once the shipped data dates the title too, rather than
-- turning into a server event of the same name. NULL: a server event.
ALTER TABLE guild_releases ADD COLUMN title_key TEXT;

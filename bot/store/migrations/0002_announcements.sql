-- Announcements: what the scheduler needs beyond 0001's tables.

-- what happened to each ledger row: 'claimed' is written before posting (and stays so if the
-- bot died before the post finished), then 'posted', 'skipped' (missed during downtime and
-- superseded by a later milestone) or 'failed' (Discord refused the post).
ALTER TABLE announcements ADD COLUMN status TEXT NOT NULL DEFAULT 'claimed'
    CHECK (status IN ('claimed', 'posted', 'skipped', 'failed'));

-- the scheduler reads the ledger per release
CREATE INDEX announcements_release ON announcements (release_ref, release_at);

-- when the bot first knew each release date: milestones before it are never announced
-- (a date announced 20 days ahead gets no "30 days to go", late or not)
CREATE TABLE release_seen (
    release_ref TEXT NOT NULL,   -- 'title:<key>' or 'guild:<id>'
    release_at  TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    PRIMARY KEY (release_ref, release_at)
);

CREATE INDEX subscriptions_guild ON subscriptions (guild_id);

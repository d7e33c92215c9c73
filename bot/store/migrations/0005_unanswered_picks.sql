-- Which "did you mean" suggestion members picked after a question got no confident answer:
-- shown to managers beside the miss, and offered first when they add the question as
-- another wording of an FAQ. Gone with the miss (answered or dismissed) or the FAQ.
CREATE TABLE unanswered_picks (
    guild_id   INTEGER NOT NULL,
    query_norm TEXT NOT NULL,
    faq_id     INTEGER NOT NULL REFERENCES faqs(id) ON DELETE CASCADE,
    count      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (guild_id, query_norm, faq_id),
    FOREIGN KEY (guild_id, query_norm) REFERENCES unanswered (guild_id, query_norm)
        ON DELETE CASCADE
);
CREATE INDEX unanswered_picks_faq ON unanswered_picks (faq_id);  -- for the cascade

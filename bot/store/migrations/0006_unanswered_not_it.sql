-- Which confident answer the asker said was not what they asked ("Not what I asked" under a
-- /faq answer): the question is then logged as a miss, and the FAQ is noted beside it, so
-- managers see the bot answered it wrongly and are not offered that FAQ to add it to.
-- Gone with the miss (answered or dismissed) or the FAQ.
CREATE TABLE unanswered_not_it (
    guild_id   INTEGER NOT NULL,
    query_norm TEXT NOT NULL,
    faq_id     INTEGER NOT NULL REFERENCES faqs(id) ON DELETE CASCADE,
    count      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (guild_id, query_norm, faq_id),
    FOREIGN KEY (guild_id, query_norm) REFERENCES unanswered (guild_id, query_norm)
        ON DELETE CASCADE
);
CREATE INDEX unanswered_not_it_faq ON unanswered_not_it (faq_id);  -- for the cascade

-- Which confident answer the asker said was not what they asked ("Not what I asked" under an
-- answer): the question is then logged as a miss, and the answer is noted beside it, so
-- managers see the bot answered it wrongly and are not offered it to add the question to.
-- A stored FAQ's note goes with the FAQ; a derived answer (from the credits, no FAQ row)
-- is kept by its ref and question. Every note goes with the miss (answered or dismissed).
CREATE TABLE unanswered_not_it (
    guild_id   INTEGER NOT NULL,
    query_norm TEXT NOT NULL,
    ref        TEXT NOT NULL,  -- the engine's ref: "faq:12", "derived:release:ballerina"
    question   TEXT NOT NULL,  -- the answer's question, as the asker saw it
    faq_id     INTEGER REFERENCES faqs(id) ON DELETE CASCADE,  -- NULL for a derived answer
    count      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (guild_id, query_norm, ref),
    FOREIGN KEY (guild_id, query_norm) REFERENCES unanswered (guild_id, query_norm)
        ON DELETE CASCADE
);
CREATE INDEX unanswered_not_it_faq ON unanswered_not_it (faq_id);  -- for the cascade

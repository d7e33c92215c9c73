-- Initial schema. Times are ISO 8601 strings in UTC ("2025-06-06T00:00:00+00:00").
-- guild_id NULL is the shipped (global) layer.

CREATE TABLE faqs (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER,
    shipped_key   TEXT,
    overrides_id  INTEGER REFERENCES faqs(id) ON DELETE SET NULL,
    question      TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 200),
    -- casefolded, whitespace-collapsed question: the uniqueness key per layer
    question_norm TEXT NOT NULL CHECK (length(question_norm) >= 1),
    answer        TEXT NOT NULL CHECK (length(answer) BETWEEN 1 AND 4000),
    aliases       TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    tags          TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (shipped_key IS NULL OR guild_id IS NULL),
    CHECK (overrides_id IS NULL OR guild_id IS NOT NULL)
);
CREATE UNIQUE INDEX faqs_question_per_layer ON faqs (ifnull(guild_id, 0), question_norm);
CREATE UNIQUE INDEX faqs_shipped_key ON faqs (shipped_key) WHERE shipped_key IS NOT NULL;
CREATE UNIQUE INDEX faqs_one_override ON faqs (guild_id, overrides_id) WHERE overrides_id IS NOT NULL;

-- shipped FAQs a guild removed (hidden in that guild only)
CREATE TABLE hidden_faqs (
    guild_id  INTEGER NOT NULL,
    faq_id    INTEGER NOT NULL REFERENCES faqs(id) ON DELETE CASCADE,
    hidden_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, faq_id)
);

-- how often each FAQ answered in each guild (0 = DMs / CLI)
CREATE TABLE faq_usage (
    guild_id  INTEGER NOT NULL,
    faq_id    INTEGER NOT NULL REFERENCES faqs(id) ON DELETE CASCADE,
    uses      INTEGER NOT NULL DEFAULT 0,
    last_used TEXT,
    PRIMARY KEY (guild_id, faq_id)
);

CREATE TABLE titles (
    id                INTEGER PRIMARY KEY,
    key               TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    aliases           TEXT NOT NULL DEFAULT '[]',
    release_at        TEXT,                 -- NULL = TBA
    release_precision TEXT NOT NULL DEFAULT 'day' CHECK (release_precision IN ('day', 'year')),
    release_note      TEXT,
    director          TEXT,
    writers           TEXT NOT NULL DEFAULT '[]',
    runtime_minutes   INTEGER,
    rating            TEXT,
    story_order       INTEGER,
    story_note        TEXT,
    summary           TEXT
);

CREATE TABLE credits (
    id        INTEGER PRIMARY KEY,
    title_id  INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
    actor     TEXT NOT NULL,
    character TEXT NOT NULL,
    variant   TEXT,
    cameo     INTEGER NOT NULL DEFAULT 0,
    note      TEXT,
    position  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (title_id, actor, character)
);

CREATE TABLE guild_releases (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    title_norm TEXT NOT NULL,
    release_at TEXT NOT NULL,
    timezone   TEXT NOT NULL DEFAULT 'UTC',
    created_at TEXT NOT NULL,
    UNIQUE (guild_id, title_norm)
);

CREATE TABLE subscriptions (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL UNIQUE,
    role_id         INTEGER,
    enabled         INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT,
    created_at      TEXT NOT NULL
);

-- the announcement ledger: one row per (subscription, release instant, milestone), ever
CREATE TABLE announcements (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    release_ref     TEXT NOT NULL,   -- 'title:<key>' or 'guild:<id>'
    release_at      TEXT NOT NULL,
    milestone       TEXT NOT NULL,   -- '30d' | '7d' | '1d' | 'release'
    recorded_at     TEXT NOT NULL,
    late            INTEGER NOT NULL DEFAULT 0,
    message_id      INTEGER,
    PRIMARY KEY (subscription_id, release_ref, release_at, milestone)
);

-- questions that got no confident answer; no user ids are kept
CREATE TABLE unanswered (
    guild_id    INTEGER NOT NULL,            -- 0 = DMs / CLI
    query_norm  TEXT NOT NULL,
    sample      TEXT NOT NULL,
    count       INTEGER NOT NULL DEFAULT 1,
    first_asked TEXT NOT NULL,
    last_asked  TEXT NOT NULL,
    best_score  REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, query_norm)
);

"""Plain data the domain passes around. No discord import, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# A guild id of None means the shipped (global) layer; DMs use guild id None too.


@dataclass(frozen=True, slots=True)
class Faq:
    """One FAQ as a guild sees it (a shipped row, an override, or a guild's own)."""

    id: int
    question: str
    answer: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    guild_id: int | None = None
    shipped_key: str | None = None  # stable key from faq_data/ for shipped rows
    overrides_id: int | None = None  # the shipped FAQ this guild row replaces
    uses: int = 0

    @property
    def is_shipped(self) -> bool:
        return self.guild_id is None


@dataclass(frozen=True, slots=True)
class FaqDraft:
    """A FAQ before it is stored: what the exchange format, modals and faq_data carry."""

    question: str
    answer: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Title:
    """A film, series, game or comic of the franchise."""

    key: str  # stable key from faq_data/titles.toml
    name: str
    kind: str  # film | series | game | comic | anime
    aliases: tuple[str, ...] = ()
    release_at: datetime | None = None  # aware UTC; None = TBA
    release_precision: str = "day"  # day | year (only the year is known)
    release_note: str | None = None
    director: str | None = None
    writers: tuple[str, ...] = ()
    runtime_minutes: int | None = None
    rating: str | None = None
    story_order: int | None = None  # place in the in-universe timeline; None = unknown
    story_note: str | None = None
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    """One actor playing one character in one title."""

    title_key: str
    actor: str
    character: str
    variant: str | None = None  # "young", "voice", ... (Winston young and old)
    cameo: bool = False
    note: str | None = None
    position: int = 0  # billing order within the title
    aka: tuple[str, ...] = ()  # other names the character goes by here ("Mr. Nobody")


@dataclass(frozen=True, slots=True)
class GuildRelease:
    """A server's own dated event or newly announced date."""

    id: int
    guild_id: int
    title: str
    release_at: datetime  # aware UTC
    timezone: str = "UTC"
    title_key: str | None = None  # the shipped title it dates (added while TBA); None: an event


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    guild_id: int
    channel_id: int
    role_id: int | None = None
    enabled: bool = True
    disabled_reason: str | None = None


@dataclass(frozen=True, slots=True)
class NotedFaq:
    """A "did you mean" suggestion members picked after a miss, and how often."""

    faq_id: int  # the guild's own version, where it replaced the shipped FAQ picked
    question: str
    count: int


@dataclass(frozen=True, slots=True)
class NotedAnswer:
    """A confident answer the asker said was not what they asked ("Not what I asked"),
    noted beside the miss, and how often."""

    ref: str  # the engine's ref when it was answered: "faq:12", "derived:release:ballerina"
    question: str  # as the asker saw it
    faq_id: int | None = None  # a stored FAQ's (the guild's own version, where it replaced it)
    count: int = 1


@dataclass(frozen=True, slots=True)
class UnansweredQuestion:
    guild_id: int | None
    query_norm: str
    sample: str
    count: int
    first_asked: datetime
    last_asked: datetime
    best_score: float
    picks: tuple[NotedFaq, ...] = ()  # most picked first
    not_it: tuple[NotedAnswer, ...] = ()  # answers said to be not it, most often first


@dataclass(slots=True)
class Knowledge:
    """Everything shipped in faq_data/, as parsed from the TOML files."""

    faqs: dict[str, FaqDraft] = field(default_factory=dict)  # shipped key -> draft
    titles: list[Title] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)

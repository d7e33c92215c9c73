"""What members' questions teach a guild's managers, for `AnswerService`: uses counted,
misses logged, picks and "not what I asked" noted (all written behind the replies,
`bot.write_behind`), and a listed miss turned into another way to ask an FAQ."""

from __future__ import annotations

import asyncio
from functools import partial

from bot.engine import AnswerIndex, Entry, Match, faq_ref
from bot.entries import unseen
from bot.errors import EmptyWording, MissSettled, TooManyWordings, WordingExists
from bot.exchange import ALIASES_MAX, draft_or_raise
from bot.models import Faq, FaqDraft, NotedAnswer, UnansweredQuestion
from bot.store import Store
from bot.text import normalize, question_key
from bot.use_counts import UnwrittenUses
from bot.wordings import WordingAdded, WordingTarget, as_wording
from bot.write_behind import Write, WriteBehind

WORDING_TARGETS = 5  # FAQs offered for a miss to become another wording of
# How long the unanswered listing waits for misses still being written (1 s: it has to
# answer within Discord's 3)
LISTING_WAIT = 1.0


class Feedback:
    """Mixed into `AnswerService`, which sets these attributes and defines these methods."""

    store: Store
    bookkeeping: WriteBehind
    _unwritten: UnwrittenUses
    _indexes: dict[int | None, AnswerIndex]
    _versions: dict[int | None, int]
    _wording: asyncio.Lock

    async def index(self, guild_id: int | None) -> AnswerIndex:
        raise NotImplementedError

    async def current_faq(self, guild_id: int | None, faq_id: int) -> Faq:
        raise NotImplementedError

    async def _edit_faq(self, guild_id: int | None, faq_id: int, draft: FaqDraft) -> Faq:
        raise NotImplementedError

    async def not_it(self, guild_id: int | None, question: str, entry: Entry) -> list[Match]:
        """The asker said `entry`, answered confidently to `question`, is not what they asked:
        the question is logged as a miss with `entry` noted beside it (in a guild), and the
        use of `entry` is taken back; returns the other answers to suggest instead, best
        first (not `entry`, nor the guild's own version of it if it replaced it since)."""
        index = await self.index(guild_id)
        answer = index.answer(question)
        refs, questions = {entry.ref}, {entry.question.casefold()}
        if guild_id is not None and entry.faq_id is not None and entry.shipped:
            own = await self.store.faqs.own_version(guild_id, entry.faq_id)
            current = None if own is None else index.get(faq_ref(own))
            if current is not None:
                refs.add(current.ref)
                questions.add(current.question.casefold())
        if guild_id is not None:  # the miss, the note and the use taken back: one write
            note: Write = partial(self.store.unanswered.log, guild_id, normalize(question), question,
                                  answer.top_score,
                                  not_it=NotedAnswer(entry.ref, entry.question, entry.faq_id))
        elif entry.faq_id is not None:  # a DM: no miss to log, only the use to take back
            note = partial(self.store.faqs.take_back_use, guild_id, entry.faq_id)
        if entry.faq_id is not None:  # the use `record_use` counted was none
            self._change_uses(guild_id, entry.ref, -1, "'not what I asked'", note)
        elif guild_id is not None:
            self.bookkeeping.add(f"'not what I asked' in guild {guild_id}", note)
        return list(unseen((m for m in answer.ranked if m.entry.ref not in refs), questions))

    async def record_pick(self, guild_id: int | None, question: str, entry: Entry) -> None:
        """A member picked `entry` among the suggestions for `question` (as given to `ask`):
        a use of it, and noted beside the logged miss for the guild's managers."""
        await self.record_use(guild_id, entry)
        if guild_id is not None and entry.faq_id is not None:
            self.bookkeeping.add(f"pick in guild {guild_id}", partial(
                self.store.unanswered.record_pick, guild_id, normalize(question), entry.faq_id))

    async def unanswered(self, guild_id: int, limit: int) -> list[UnansweredQuestion]:
        """The guild's most asked misses, with those just asked (their writes queued behind
        the replies) unless the store stays busy for LISTING_WAIT."""
        await self.bookkeeping.settled(LISTING_WAIT)
        return await self.store.unanswered.top(guild_id, limit)

    async def wording_targets(self, guild_id: int, miss: UnansweredQuestion,
                              limit: int = WORDING_TARGETS) -> list[WordingTarget]:
        """The FAQs a miss may be another wording of: those members picked after it, most
        picked first, then the engine's suggestions and its autocomplete matches for it, but
        not an answer the asker said was not it."""
        index = await self.index(guild_id)
        targets: dict[str, WordingTarget] = {}
        not_it = {faq_ref(n.faq_id) if n.faq_id is not None else n.ref for n in miss.not_it}
        for pick in miss.picks:
            if (entry := index.get(faq_ref(pick.faq_id))) is not None and entry.ref not in not_it:
                targets.setdefault(entry.ref, WordingTarget(entry, pick.faq_id, pick.count))
        answer = index.answer(miss.sample)
        for match in [*answer.ranked, *index.complete(miss.sample, limit)]:
            faq_id = match.entry.faq_id
            if faq_id is not None and match.entry.ref not in not_it:
                targets.setdefault(match.entry.ref, WordingTarget(match.entry, faq_id))
        return list(targets.values())[:limit]

    async def add_wording(self, guild_id: int, faq_id: int, wording: str, *,
                          miss: str | None = None) -> WordingAdded:
        """Add `wording` (a question members asked) to an FAQ's other ways to ask. A shipped
        FAQ gets the guild's own version, as an edit would give it. `miss`: the listed miss
        (its key) this settles; refused if it was settled meanwhile (MissSettled)."""
        wording = as_wording(wording)
        if not wording:  # a form's text of spaces only: Discord lets it through
            raise EmptyWording()
        async with self._wording:
            if miss is not None and not await self.store.unanswered.listed(guild_id, miss):
                raise MissSettled()
            current = await self.current_faq(guild_id, faq_id)
            if question_key(wording) in {question_key(q) for q in (current.question, *current.aliases)}:
                raise WordingExists(wording, current.question)
            if len(current.aliases) >= ALIASES_MAX:
                raise TooManyWordings(current.question, ALIASES_MAX)
            draft = draft_or_raise(current.question, current.answer, [*current.aliases, wording],
                                   list(current.tags))
            faq = await self._edit_faq(guild_id, current.id, draft)
            if miss is not None:
                await self.store.unanswered.resolve(guild_id, miss)
        best = (await self.index(guild_id)).answer(wording).best
        return WordingAdded(faq, best is not None and best.entry.faq_id == faq.id)

    async def record_use(self, guild_id: int | None, entry: Entry) -> None:
        """Count a use of `entry`: at once in the index, in the store behind the reply."""
        if entry.faq_id is not None:
            self._change_uses(guild_id, entry.ref, +1, f"use of FAQ {entry.faq_id}",
                              partial(self.store.faqs.record_use, guild_id, entry.faq_id))

    def _change_uses(self, guild_id: int | None, ref: str, change: int, what: str,
                     write: Write) -> None:
        """Move `ref`'s use count by `change` in the cached index now, and queue `write`,
        which moves the store's. Until it lands, a build adds the change to what it reads."""
        self._count_use(guild_id, ref, change)
        self._unwritten.add(guild_id, ref, change)

        def written() -> None:  # once, however many tries the write took (or if dropped)
            self._unwritten.add(guild_id, ref, -change)
            self._build_may_have_read(guild_id)

        self.bookkeeping.add(f"{what} in guild {guild_id}", write, done=written)

    def _build_may_have_read(self, guild_id: int | None) -> None:
        """A build of the guild's index reading the store now may have read a use count
        about to change: it starts again."""
        if guild_id is not None and guild_id not in self._indexes:
            self._versions[guild_id] = self._versions.get(guild_id, 0) + 1
        # (in DMs that key is the shipped layer's, whose change restarts every build)

    def _count_use(self, guild_id: int | None, ref: str, change: int) -> None:
        """Move the cached index's use count of `ref` by `change` (the index's count, not a
        stale copy's; never below zero)."""
        index = self._indexes.get(guild_id)
        if index is None:
            self._build_may_have_read(guild_id)
        elif (current := index.get(ref)) is not None and current.uses + change >= 0:
            index.bump_uses(ref, current.uses + change)

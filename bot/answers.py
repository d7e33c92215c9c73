"""The answer service: the store plus one in-memory answer index per guild, kept in step.

Every FAQ write goes through here so the guild's index is updated in the same
call; the index is a cache of the store and is rebuilt from it on first use.
Used by the cogs and by the CLI alike.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial

from bot.answer_feedback import Feedback
from bot.casting import Casting
from bot.derived import derived_entries
from bot.engine import Answer, AnswerIndex, Entry, Match, faq_entry, faq_ref
from bot.engine_appears import Appearances
from bot.entries import ACTOR_REF, CHARACTER_REF
from bot.errors import FaqChanged, InvalidFaq
from bot.exchange import draft_or_raise
from bot.models import Faq, FaqDraft, Knowledge
from bot.store import Store
from bot.store.catalog import SyncReport
from bot.store.faqs import ImportResult
from bot.text import normalize, question_key, tokens
from bot.timeline import open_titles
from bot.timeutil import utcnow
from bot.use_counts import UnwrittenUses
from bot.wordings import naming_added
from bot.write_behind import WriteBehind

log = logging.getLogger(__name__)

# A guild's index unused this long is dropped; its next question builds it again from the
# store (which holds everything it had), so memory follows the guilds that ask
INDEX_IDLE = timedelta(hours=1)
# A guild with FAQs of its own (or shipped ones hidden) gets a fork of the shared index,
# changed by its own writes, while its own FAQs number at most this many times the shared
# entries (~300) when it is made. A fork costs less memory however many, and less time up
# to ~10 times as many (measured: 30 own FAQs 3 ms against 30 ms for a build of its own,
# 1,000 37 ms against 61)
FORK_WRITES = 5.0
# How often a question checks whether another process (`python -m bot import` on the host)
# wrote to the store, whose FAQs the cached indexes would otherwise never show
OUTSIDE_WRITES_CHECK = timedelta(seconds=2)


class AnswerService(Feedback):
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.store = store
        self._clock = clock
        self._derived: list[Entry] = []
        self._appearances: Appearances | None = None  # who is in what, for "is X in Y?"
        # the next release instant of a shipped title: the derived answers' wording ("When
        # does it come out?", "is to be directed by") changes then, so they are made anew
        self._reword_at: datetime | None = None
        self._indexes: dict[int | None, AnswerIndex] = {}
        # The index of the shipped FAQs and derived answers: a guild with no FAQ of its own
        # and none hidden gets a `view` of it (its use counts), not an index of its own
        self._shared: tuple[AnswerIndex, list[int]] | None = None  # and its FAQs' ids, in order
        self._sharing = asyncio.Lock()
        self._last_used: dict[int | None, datetime] = {}  # guild -> when its index was last read
        self._swept = clock()
        self._outside_checked = clock() - OUTSIDE_WRITES_CHECK
        self._building: dict[int | None, asyncio.Lock] = {}
        # bumped after every write; a build that read the store across a write starts again
        self._versions: dict[int | None, int] = {}
        self._wording = asyncio.Lock()  # a miss goes to one FAQ, an FAQ's aliases one at a time
        # use counts, misses, picks: written after the reply, never holding it up
        self.bookkeeping = WriteBehind()
        self._unwritten = UnwrittenUses()  # use count changes queued, not yet in the store

    async def close(self) -> None:
        """Write the bookkeeping still queued (before the store closes)."""
        await self.bookkeeping.close()

    async def load_knowledge(self, knowledge: Knowledge) -> SyncReport:
        """Sync faq_data/ into the store and rebuild the derived (titles/credits) answers."""
        # a guild release dating a title still TBA keeps dating it once this sync dates it
        await self.store.releases.mark_dated_titles(
            open_titles(await self.store.catalog.titles(), self._clock()))
        report = await self.store.catalog.sync(knowledge)
        await self.refresh_catalog()
        return report

    async def refresh_catalog(self) -> None:
        titles = await self.store.catalog.titles()
        credits = await self.store.catalog.credits()
        now = self._clock()
        self._derived = derived_entries(titles, credits, now)
        self._appearances = Appearances(Casting(titles, credits, self._derived, now))
        self._reword_at = min((t.release_at for t in titles
                               if t.release_at is not None and t.release_at > now), default=None)
        self._versions[None] = self._versions.get(None, 0) + 1  # a build under way starts again
        self._indexes.clear()
        self._shared = None

    async def index(self, guild_id: int | None) -> AnswerIndex:
        now = self._clock()
        if self._reword_at is not None and now >= self._reword_at:
            await self.refresh_catalog()  # a shipped title just came out
        if now - self._swept >= INDEX_IDLE:
            self._drop_idle(now)
        if now - self._outside_checked >= OUTSIDE_WRITES_CHECK:
            self._outside_checked = now
            await self._check_outside_writes()
        self._last_used[guild_id] = now
        index = self._indexes.get(guild_id)
        if index is not None:
            return index
        lock = self._building.setdefault(guild_id, asyncio.Lock())
        async with lock:  # two first questions in a guild build the index once
            while (index := self._indexes.get(guild_id)) is None:
                version = self._version(guild_id)
                built = await self._build(guild_id)
                if self._version(guild_id) == version:
                    self._indexes[guild_id] = built
        return index

    async def _check_outside_writes(self) -> None:
        """Build every index again if another process wrote to the store; a failed check
        leaves the cached indexes answering (the next one may do better)."""
        try:
            changed = await self.store.db.changed_elsewhere()
        except sqlite3.Error:
            log.exception("could not check the store for other processes' writes")
            return
        if changed:
            log.info("another process wrote to the store: every answer index is built again")
            self._written(None)

    async def _build(self, guild_id: int | None) -> AnswerIndex:
        """A guild's index: a view of the shared one if it sees just what that holds; else
        a fork of it changed by the guild's own FAQs (those it hides taken out), or, with
        many of its own, a build of its own (as quick then, and no fork leaves out a derived
        answer on a character or an actor: their names would stay behind in it)."""
        faqs = self._unwritten.applied(guild_id, await self.store.faqs.visible(guild_id))
        shared, shared_ids = await self._shared_index()
        uses = {faq_ref(f.id): f.uses for f in faqs if f.uses}
        gone = set(shared_ids).difference(f.id for f in faqs)  # hidden or replaced
        if not gone and [faq.id for faq in faqs] == shared_ids:
            return shared.view(uses)
        twins = await self._replaced_twins(guild_id)
        own = len(faqs) - len(shared_ids) + len(gone)
        if own > FORK_WRITES * len(shared) or any(
                ref.startswith((ACTOR_REF, CHARACTER_REF)) for ref in twins):
            return AnswerIndex([*(e for e in self._derived if e.ref not in twins),
                                *(faq_entry(faq) for faq in faqs)], self._appearances)
        fork = shared.fork(uses)
        for ref in [*map(faq_ref, gone), *twins]:
            fork.remove(ref)
        for faq in faqs:
            if faq_ref(faq.id) not in fork:
                fork.upsert(faq_entry(faq))
        return fork

    def _drop_idle(self, now: datetime) -> None:
        """Forget the indexes (and build locks) of guilds that asked nothing for INDEX_IDLE."""
        self._swept = now
        for guild_id, used in list(self._last_used.items()):
            lock = self._building.get(guild_id)
            if now - used < INDEX_IDLE or (lock is not None and lock.locked()):
                continue  # in use, or being built
            del self._last_used[guild_id]
            self._indexes.pop(guild_id, None)
            self._building.pop(guild_id, None)

    async def _shared_index(self) -> tuple[AnswerIndex, list[int]]:
        """The index of the shipped FAQs and derived answers (their use counts are not read),
        and its FAQs' ids in order."""
        async with self._sharing:
            while (shared := self._shared) is None:
                version = self._versions.get(None, 0)
                faqs = await self.store.faqs.visible(None)
                if self._versions.get(None, 0) == version:
                    self._shared = (AnswerIndex([*self._derived, *map(faq_entry, faqs)],
                                                self._appearances), [faq.id for faq in faqs])
            return shared

    async def _replaced_twins(self, guild_id: int | None) -> set[str]:
        """Refs of the derived answers asking what a shipped FAQ the guild hid or replaced
        asked: hiding the shipped "Who wrote Ballerina?", or answering it in the server's own
        words, sets aside the one built from the credits as well."""
        replaced = await self.store.faqs.replaced_questions(guild_id)
        return {e.ref for e in self._derived_asking(replaced)}

    def _derived_asking(self, keys: set[str]) -> list[Entry]:
        """The derived answers whose question (`question_key`) is one of `keys`."""
        return [e for e in self._derived if question_key(e.question) in keys] if keys else []

    def _version(self, guild_id: int | None) -> tuple[int, int]:
        return self._versions.get(None, 0), self._versions.get(guild_id, 0)

    def _written(self, guild_id: int | None) -> AnswerIndex | None:
        """Note a write to a layer; return that guild's cached index to patch, if any.

        The shipped layer shows in every guild, so a write there drops every cache instead.
        """
        self._versions[guild_id] = self._versions.get(guild_id, 0) + 1
        if guild_id is None:
            self._indexes.clear()
            self._shared = None
            return None
        index = self._indexes.get(guild_id)
        if index is not None and index.shared:  # a view: built anew, of its own if need be
            del self._indexes[guild_id]
            return None
        return index

    async def ask(self, guild_id: int | None, question: str, *, log_miss: bool = False) -> Answer:
        """`log_miss`: note a miss for the guild's managers (/faq-admin unanswered); outside a
        guild (DMs, the CLI) there are none, and nothing is noted."""
        answer = (await self.index(guild_id)).answer(question)
        if answer.best is None and log_miss and guild_id is not None:
            self.bookkeeping.add(f"miss in guild {guild_id}", partial(
                self.store.unanswered.log, guild_id, normalize(question), question, answer.top_score))
        return answer

    async def complete(self, guild_id: int | None, text: str, limit: int = 25) -> list[Match]:
        return (await self.index(guild_id)).complete(text, limit)

    async def faq(self, guild_id: int | None, faq_id: int) -> Faq:
        return await self.store.faqs.get_visible(guild_id, faq_id)

    async def current_faq(self, guild_id: int | None, faq_id: int) -> Faq:
        """FAQ `faq_id` as the guild sees it now: its own version, if a wording or an edit
        replaced shipped `faq_id` since a menu or form showed it."""
        own = None if guild_id is None else await self.store.faqs.own_version(guild_id, faq_id)
        return await self.faq(guild_id, faq_id if own is None else own)

    async def add_faq(self, guild_id: int | None, draft: FaqDraft) -> Faq:
        faq = await self.store.faqs.add(guild_id, draft)
        if (index := self._written(guild_id)) is not None:
            index.upsert(faq_entry(faq))
        return faq

    async def edit_faq(self, guild_id: int | None, faq_id: int, draft: FaqDraft, *,
                       opened: Faq | None = None) -> Faq:
        """`opened`: the FAQ as the edit form showed it. An alias added since (a missed
        question added from the unanswered listing while the form was open) is kept, not
        overwritten by the form's older list; the rest of the form wins, as the later edit."""
        if opened is None:
            return await self._edit_faq(guild_id, faq_id, draft)
        async with self._wording:  # not while add_wording is between its read and its write
            current = await self.current_faq(guild_id, faq_id)
            shown = {question_key(a) for a in opened.aliases}
            kept = {question_key(a) for a in (*draft.aliases, draft.question)}
            added = [a for a in current.aliases
                     if question_key(a) not in shown and question_key(a) not in kept]
            if added:
                try:
                    draft = draft_or_raise(draft.question, draft.answer,
                                           [*draft.aliases, *added], list(draft.tags))
                except InvalidFaq as error:  # too many: name the ones the form did not show
                    raise InvalidFaq([naming_added(p, added) for p in error.problems]) from None
            return await self._edit_faq(guild_id, current.id, draft)

    async def _edit_faq(self, guild_id: int | None, faq_id: int, draft: FaqDraft) -> Faq:
        result = await self.store.faqs.edit(guild_id, faq_id, draft)
        if (index := self._written(guild_id)) is not None:
            if result.replaced_id is not None:
                index.remove(faq_ref(result.replaced_id))
            index.upsert(faq_entry(result.faq))
            if result.faq.overrides_id is not None:  # the shipped one's derived twin goes too
                for ref in await self._replaced_twins(guild_id):
                    index.remove(ref)
        return result.faq

    async def remove_faq(self, guild_id: int | None, faq_id: int, *, shown: Faq | None = None) -> Faq:
        """`shown`: the FAQ as the confirmation showed it; edited since (or replaced by the
        guild's own version), it is not removed (FaqChanged)."""
        if shown is not None:
            now = await self.current_faq(guild_id, faq_id)
            if (now.id, now.question, now.answer, now.aliases, now.tags) != (
                    shown.id, shown.question, shown.answer, shown.aliases, shown.tags):
                raise FaqChanged(shown.question, now.question)
        removed = await self.store.faqs.remove(guild_id, faq_id)
        if (index := self._written(guild_id)) is not None:
            index.remove(faq_ref(removed.id))
            for ref in await self._replaced_twins(guild_id):
                index.remove(ref)  # a no-op for those gone already
        return removed

    async def hidden_faqs(self, guild_id: int, typed: str = "", limit: int = 25) -> list[Faq]:
        """The shipped FAQs a guild hid (latest first) whose question has every word typed."""
        wanted = tokens(typed)
        found = []
        for faq in await self.store.faqs.hidden(guild_id):
            question = normalize(faq.question)
            if all(word in question for word in wanted):
                found.append(faq)
                if len(found) == limit:
                    break
        return found

    async def restore_faq(self, guild_id: int, faq_id: int) -> Faq:
        """Show a hidden shipped FAQ in the guild again, and the derived answer it hid."""
        restored = await self.store.faqs.unhide(guild_id, faq_id)
        if (index := self._written(guild_id)) is not None:
            index.upsert(faq_entry(restored))
            for entry in self._derived_asking({question_key(restored.question)}):
                index.upsert(entry)
        return restored

    async def import_faqs(self, guild_id: int | None, drafts: Sequence[FaqDraft]) -> ImportResult:
        result = await self.store.faqs.upsert_many(guild_id, drafts)
        if result.created or result.updated:
            self._written(guild_id)
            self._indexes.pop(guild_id, None)  # imports are rare and bulk: rebuild on next use
        return result

    async def export_faqs(self, guild_id: int | None) -> list[Faq]:
        return await self.store.faqs.layer(guild_id)

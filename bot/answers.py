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

from bot.casting import Casting
from bot.derived import derived_entries
from bot.engine import Answer, AnswerIndex, Entry, Match, faq_entry, faq_ref
from bot.engine_appears import Appearances
from bot.entries import ACTOR_REF, CHARACTER_REF, unseen
from bot.errors import InvalidFaq, MissSettled, TooManyWordings, WordingExists
from bot.exchange import ALIASES_MAX, draft_or_raise
from bot.models import Faq, FaqDraft, Knowledge, NotedAnswer, UnansweredQuestion
from bot.store import Store
from bot.store.catalog import SyncReport
from bot.store.faqs import ImportResult
from bot.text import normalize, question_key, tokens
from bot.timeline import open_titles
from bot.timeutil import utcnow
from bot.wordings import WordingAdded, WordingTarget, as_wording, naming_added

log = logging.getLogger(__name__)

WORDING_TARGETS = 5  # FAQs offered for a miss to become another wording of
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


class AnswerService:
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
        faqs = await self.store.faqs.visible(guild_id)
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
            await self.store.unanswered.log(guild_id, normalize(question), question, answer.top_score)
        return answer

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
            await self.store.unanswered.log(
                guild_id, normalize(question), question, answer.top_score,
                not_it=NotedAnswer(entry.ref, entry.question, entry.faq_id))
        elif entry.faq_id is not None:  # a DM: no miss to log, only the use to take back
            await self.store.faqs.take_back_use(guild_id, entry.faq_id)
        if entry.faq_id is not None:  # the use `record_use` counted was none
            self._count_use(guild_id, entry.ref, -1)
        return list(unseen((m for m in answer.ranked if m.entry.ref not in refs), questions))

    async def record_pick(self, guild_id: int | None, question: str, entry: Entry) -> None:
        """A member picked `entry` among the suggestions for `question` (as given to `ask`):
        a use of it, and noted beside the logged miss for the guild's managers."""
        await self.record_use(guild_id, entry)
        if guild_id is not None and entry.faq_id is not None:
            await self.store.unanswered.record_pick(guild_id, normalize(question), entry.faq_id)

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
        async with self._wording:
            if miss is not None and not await self.store.unanswered.listed(guild_id, miss):
                raise MissSettled()
            current = await self._current(guild_id, faq_id)
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

    async def complete(self, guild_id: int | None, text: str, limit: int = 25) -> list[Match]:
        return (await self.index(guild_id)).complete(text, limit)

    async def record_use(self, guild_id: int | None, entry: Entry) -> None:
        if entry.faq_id is None:
            return
        await self.store.faqs.record_use(guild_id, entry.faq_id)
        self._count_use(guild_id, entry.ref, +1)

    def _count_use(self, guild_id: int | None, ref: str, change: int) -> None:
        """Move the cached index's use count of `ref` by `change` (the index's count, not a
        stale copy's; never below zero), as the store's was."""
        index = self._indexes.get(guild_id)
        if index is None:
            if guild_id is not None:  # a build reading the store now may have read the old count
                self._versions[guild_id] = self._versions.get(guild_id, 0) + 1
            # (in DMs that key is the shipped layer's, whose change restarts every build)
        elif (current := index.get(ref)) is not None and current.uses + change >= 0:
            index.bump_uses(ref, current.uses + change)

    async def faq(self, guild_id: int | None, faq_id: int) -> Faq:
        return await self.store.faqs.get_visible(guild_id, faq_id)

    async def _current(self, guild_id: int | None, faq_id: int) -> Faq:
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
            current = await self._current(guild_id, faq_id)
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

    async def remove_faq(self, guild_id: int | None, faq_id: int) -> Faq:
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

"""The unanswered listing for server managers: the misses with their counts, and menus to
answer one with a new FAQ, add one to an FAQ as another way to ask it, or dismiss one.

Views here only present and collect; what a pick does is a callback the cog passes in
(cogs/faq_admin.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from functools import partial

import discord

from bot.engine import Match
from bot.exchange import ALIAS_MAX
from bot.faq_admin_ui import OPTION_LIMIT, AdminView, ManagerModal
from bot.faq_ui import Interaction, quote, redraw_sent
from bot.markup import escape_markdown
from bot.models import UnansweredQuestion
from bot.ui import (
    BRAND_COLOUR,
    EMBED_DESCRIPTION_LIMIT,
    clip,
    send_ephemeral,
    stamped,
)
from bot.wordings import WordingTarget, as_wording, fits_a_wording

log = logging.getLogger(__name__)

Settle = Callable[[], Awaitable[None]]  # takes a miss answered, added or dismissed off the listing
MissHandler = Callable[[Interaction, UnansweredQuestion, Settle], Awaitable[None]]
TargetHandler = Callable[[Interaction, WordingTarget], Awaitable[bool]]  # True: done; False: a form opened
WordingSave = Callable[[Interaction, str], Awaitable[None]]

LISTING_LIFETIME = 600.0  # the unanswered listing's menus, from when it is shown


def times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def unanswered_embed(misses: Sequence[UnansweredQuestion], popular: Sequence[Match] = (),
                     settled: bool = False) -> discord.Embed:
    """The misses, most asked first, with counts, the answer askers said was not it most
    often and the suggestion members picked most after each; and the most used FAQs with
    theirs.
    `settled`: every miss listed was answered or dismissed since."""
    lines = []
    for number, miss in enumerate(misses, start=1):
        line = (f"**{number}.** {escape_markdown(quote(miss.sample, 200))} "
                f"— asked {times(miss.count)}, last {discord.utils.format_dt(miss.last_asked, 'R')}")
        if miss.not_it:
            wrong = miss.not_it[0]
            line += (f"; answered with “{escape_markdown(quote(wrong.question, 90))}”, said to "
                     f"be wrong {times(wrong.count)}")
        if miss.picks:
            top = miss.picks[0]
            line += (f"; members then picked “{escape_markdown(quote(top.question, 90))}” "
                     f"{times(top.count)}")
        lines.append(line)
    description = "\n".join(lines) or (
        "Done: every question listed was answered or dismissed." if settled
        else "None so far: every question got a confident answer.")
    embed = discord.Embed(title="Questions without a good answer",
                          description=clip(description, EMBED_DESCRIPTION_LIMIT),
                          colour=BRAND_COLOUR)
    used = [f"{m.entry.uses} × {escape_markdown(quote(m.entry.question, 90))}"
            for m in popular if m.entry.uses]
    if used:
        embed.add_field(name="Most used FAQs", value=clip("\n".join(used), 1024), inline=False)
    if misses:
        embed.set_footer(text="Pick one below to answer it with a new FAQ, to add it to an FAQ "
                              "as another way to ask, or to dismiss it.")
    return embed


class UnansweredView(AdminView):
    """Three select menus over the listed misses: one opens the add form prefilled, one
    offers FAQs to add the question to as another way to ask, one dismisses. A miss
    answered (its form saved), added or dismissed leaves the listing and menus.

    After each pick the listing is redrawn with nothing picked: Discord sends nothing when
    the option already showing is picked again, so a closed form could not be reopened."""

    def __init__(self, misses: Sequence[UnansweredQuestion], popular: Sequence[Match] = (), *,
                 owner_id: int, on_pick: MissHandler, on_reword: MissHandler,
                 on_dismiss: MissHandler) -> None:
        super().__init__(owner_id=owner_id)
        self.misses: dict[str, UnansweredQuestion] = {str(n): m for n, m in enumerate(misses)}
        self.popular = popular
        self._drawing = asyncio.Lock()  # one redraw at a time: the last one shows the latest
        self._redraws: set[asyncio.Task[None]] = set()
        self.add_item(self._select("faq-unanswered", "Answer one of these with a new FAQ…", on_pick))
        self.add_item(self._select("faq-unanswered-wording",
                                   "Add one to an FAQ as another way to ask…", on_reword))
        self.add_item(self._select("faq-unanswered-dismiss",
                                   "Dismiss one of these (not worth an FAQ)…", on_dismiss))

    def embed(self) -> discord.Embed:
        return unanswered_embed(list(self.misses.values()), self.popular, settled=not self.misses)

    def _options(self) -> list[discord.SelectOption]:
        return [discord.SelectOption(
                    label=clip(quote(miss.sample, OPTION_LIMIT), OPTION_LIMIT), value=number,
                    description=f"asked {times(miss.count)}")
                for number, miss in self.misses.items()]

    def _select(self, custom_id: str, placeholder: str,
                handler: MissHandler) -> discord.ui.Select[UnansweredView]:
        select: discord.ui.Select[UnansweredView] = discord.ui.Select(
            custom_id=stamped(custom_id), placeholder=placeholder, options=self._options())

        async def picked(interaction: Interaction) -> None:
            number = select.values[0]
            miss = self.misses.get(number)
            if miss is None:  # settled already, from a menu drawn before that
                await send_ephemeral(interaction, "That question was answered or dismissed already.")
            else:
                await handler(interaction, miss, partial(self._settle, number))
            if number in self.misses or miss is None:  # (settling redraws on its own)
                await self._redraw()

        select.callback = picked  # type: ignore[method-assign]
        return select

    async def _settle(self, number: str) -> None:
        """A miss answered or dismissed: it leaves the listing. Redrawn in the background:
        a form's reply must not wait on the listing's edit (Discord allows 3 seconds)."""
        if self.misses.pop(number, None) is not None:
            task = asyncio.create_task(self._redraw())
            self._redraws.add(task)
            task.add_done_callback(self._redraws.discard)

    async def _redraw(self) -> None:
        """Show the listing afresh (nothing picked; settled misses gone), without menus once
        every miss is settled."""
        if self.origin is None or self.is_finished():  # expired, or every miss settled
            return
        async with self._drawing:
            for item in self.children:
                if isinstance(item, discord.ui.Select):
                    item.options = self._options()
            try:
                await self.origin.edit_original_response(embed=self.embed(),
                                                         view=self if self.misses else None)
            except discord.HTTPException:
                log.debug("could not redraw the unanswered listing")
        if not self.misses:
            self.finish()


class WordingTargetView(AdminView):
    """One select menu of the FAQs a missed question may be another way to ask: the ones
    members picked after it first. A pick that adds the question ends it; one that opens
    the form to shorten the question first leaves it usable (the form may be closed), and
    the form's save ends it (`close`)."""

    def __init__(self, targets: Sequence[WordingTarget], *, owner_id: int,
                 on_pick: TargetHandler) -> None:
        super().__init__(owner_id=owner_id)
        by_value = dict(enumerate(targets))
        select: discord.ui.Select[WordingTargetView] = discord.ui.Select(
            custom_id=stamped("faq-wording-target"), placeholder="The FAQ that answers it…",
            options=[discord.SelectOption(label=clip(quote(t.entry.question, OPTION_LIMIT),
                                                     OPTION_LIMIT),
                                          value=str(n), description=target_note(t))
                     for n, t in enumerate(targets)])

        async def picked(interaction: Interaction) -> None:
            if await on_pick(interaction, by_value[int(select.values[0])]):  # (an error keeps it usable)
                self.finish()
            else:  # drawn with nothing picked: the same pick reopens the form
                await self._show(self)

        select.callback = picked  # type: ignore[method-assign]
        self.add_item(select)

    async def close(self) -> None:
        """Done from the form: the menu leaves the message."""
        self.finish()
        await self._show(None)

    async def _show(self, view: WordingTargetView | None) -> None:
        await redraw_sent(self.origin, None, view,
                          f"{'redraw' if view else 'close'} the wording menu")


def target_note(target: WordingTarget) -> str | None:
    notes = []
    if target.picks:
        notes.append(f"members picked it {times(target.picks)} after this question")
    if target.entry.shipped:
        notes.append("shipped: this server gets its own version")
    return clip("; ".join(notes), OPTION_LIMIT) if notes else None


def shortened(question: str) -> str:
    """A question cut to fit an alias, at a word and with no ellipsis: saved as shown, it
    must read as the member's words."""
    text = as_wording(question)
    if fits_a_wording(text):
        return text
    cut = text[:ALIAS_MAX + 1]
    space = cut.rfind(" ")
    return cut[:space].rstrip(" ,.;:-") if space >= ALIAS_MAX // 2 else text[:ALIAS_MAX]


class WordingModal(ManagerModal):
    """A question too long to be another way to ask (ALIAS_MAX), to shorten first."""

    def __init__(self, question: str, save: WordingSave) -> None:
        super().__init__(title="Shorten the question", timeout=None)
        self.save = save
        self.wording: discord.ui.TextInput[WordingModal] = discord.ui.TextInput(
            label=f"Other way to ask (up to {ALIAS_MAX} characters)", max_length=ALIAS_MAX,
            default=shortened(question))
        self.add_item(self.wording)

    async def on_submit(self, interaction: Interaction) -> None:
        await self.save(interaction, self.wording.value)

"""FAQ-facing Discord pieces for members: answer embeds, autocomplete names, the "not sure"
text, the "did you mean" buttons and the "Not what I asked" button. The admin form,
confirmation and listing are in bot/faq_admin_ui.py.

Views here only present and collect; what happens on a click is a callback the cog passes
in, so the domain calls stay in one place (cogs/faq*.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Collection, Sequence
from typing import Any

import discord

from bot.engine import Entry, Match
from bot.markup import escape_markdown
from bot.text import question_key
from bot.ui import (
    BRAND_COLOUR,
    CHOICE_NAME_LIMIT,
    EMBED_DESCRIPTION_LIMIT,
    EMBED_TITLE_LIMIT,
    MESSAGE_LIMIT,
    NO_PINGS,
    BaseView,
    BotRun,
    clip,
    send_ephemeral,
    stamped,
)

log = logging.getLogger(__name__)

Interaction = discord.Interaction[Any]
PickHandler = Callable[[Interaction, Entry], Awaitable[None]]

DID_YOU_MEAN_TIMEOUT = 120.0
NOT_IT_TIMEOUT = 120.0
NOT_IT = "faq-notit"  # the custom id of "Not what I asked", before the run
BUTTON_LABEL_LIMIT = 80
CUSTOM_ID_LIMIT = 100


# --- answers --------------------------------------------------------------------------
def answer_embed(question: str, answer: str, *, footer: str | None = None) -> discord.Embed:
    """An answer as Discord shows it: the FAQ's question as title, the answer as description.

    Text is shown as written (markdown included); mentions in it never ping because every
    send uses NO_PINGS, and embeds do not ping anyway.
    """
    embed = discord.Embed(
        title=clip(question, EMBED_TITLE_LIMIT),
        description=clip(answer, EMBED_DESCRIPTION_LIMIT),
        colour=BRAND_COLOUR,
    )
    if footer:
        embed.set_footer(text=clip(footer, 200))
    return embed


def entry_embed(entry: Entry, *, footer: str | None = None) -> discord.Embed:
    return answer_embed(entry.question, entry.answer, footer=footer)


def entry_text(entry: Entry) -> str:
    """An answer as plain text, where embeds can't be posted."""
    return clip(f"**{entry.question}**\n{entry.answer}", MESSAGE_LIMIT)


def choice_name(question: str, suffix: str = "") -> str:
    """An autocomplete choice name: at most 100 characters, cut at a word."""
    return clip(question, CHOICE_NAME_LIMIT - len(suffix)) + suffix


def uses_suffix(uses: int) -> str:
    return f" · {uses} use{'' if uses == 1 else 's'}"


def quote(text: str, limit: int = 100) -> str:
    """A user's text inside our own sentence: clipped, on one line, code spans neutralised."""
    return clip(" ".join(text.split()).replace("`", "'"), limit)


def not_confident_text(query: str, suggestions: Sequence[Match], *, in_server: bool,
                       wrong: bool = False) -> str:
    """In a server the question is logged for its managers (/faq-admin unanswered); a DM has
    none, and sees only the shipped FAQs. The question is quoted as typed, markdown escaped:
    the bot never posts someone's masked link, spoiler or bold as its own (callers send it
    with `suppress_embeds`: no preview of a link in it either). `wrong`: the asker said the
    confident answer was not what they asked ("Not what I asked")."""
    noted = " I've noted the question for the server's managers." if in_server else ""
    asked = escape_markdown(quote(query))
    if wrong:
        opening = f"Sorry, that was not the answer to “{asked}”"
        unsure, nothing = f"{opening}.", f"{opening}, and I have nothing else to suggest."
    else:
        unsure = f"I'm not sure I have an answer to “{asked}”."
        nothing = f"I don't have an answer to “{asked}” yet."
    if suggestions:
        text = f"{unsure} Did you mean one of these?{noted}"
    elif in_server:
        text = (f"{nothing}{noted} Try other words, or ask a server manager to add it with "
                "/faq-admin add.")
    else:
        text = (f"{nothing} Try other words, or ask in your server: its own FAQs answer there, "
                "not in DMs.")
    return clip(text, MESSAGE_LIMIT)


def distinct(suggestions: Sequence[Match]) -> list[Entry]:
    """Suggestions without repeats of the same question (an FAQ and a derived answer can
    share one); the first, higher-ranked, is kept."""
    seen: set[str] = set()
    entries = []
    for match in suggestions:
        key = question_key(match.entry.question)
        if key not in seen:
            seen.add(key)
            entries.append(match.entry)
    return entries


async def redraw_sent(origin: Interaction | None, message: discord.Message | None,
                      view: discord.ui.View | None, what: str) -> None:
    """Set the components of a message sent as an interaction's response (`origin`) or as a
    plain message; a failure (deleted meanwhile, token expired) is only logged, as `what`."""
    try:
        if origin is not None:
            await origin.edit_original_response(view=view)
        elif message is not None:
            await message.edit(view=view, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.debug("could not %s", what)


class DidYouMeanView(BaseView):
    """Up to three suggestions as buttons; only the asker may press; they expire."""

    def __init__(self, suggestions: Sequence[Match], *, owner_id: int, on_pick: PickHandler,
                 co_owner_ids: Collection[int] = (), timeout: float | None = None) -> None:
        super().__init__(owner_id=owner_id, co_owner_ids=co_owner_ids,
                         timeout=timeout or DID_YOU_MEAN_TIMEOUT)
        self.on_pick = on_pick
        self.message: discord.Message | None = None  # set when sent as a plain message
        self.origin: Interaction | None = None  # set when sent as an interaction response
        self.picked: Entry | None = None
        for position, entry in enumerate(distinct(suggestions)[:3]):
            self.add_item(self._button(position, entry))

    def _button(self, position: int, entry: Entry) -> discord.ui.Button[DidYouMeanView]:
        button: discord.ui.Button[DidYouMeanView] = discord.ui.Button(
            label=clip(entry.question, BUTTON_LABEL_LIMIT),
            custom_id=f"faq-dym:{BotRun.current}:{position}:{entry.ref}"[:CUSTOM_ID_LIMIT],
            style=discord.ButtonStyle.secondary,
        )

        async def pressed(interaction: Interaction) -> None:
            await self.on_pick(interaction, entry)  # on an error the buttons stay usable
            self.picked = entry
            self.stop()

        button.callback = pressed  # type: ignore[method-assign]
        return button

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        await redraw_sent(self.origin, self.message, self, "disable expired did-you-mean buttons")


class NotItView(BaseView):
    """One button under a confident answer to a typed question, "Not what I asked", for
    the asker only (and, under a Find answer reply, the helper who asked for it); it goes
    when pressed or when it expires."""

    def __init__(self, *, owner_id: int, note: Callable[[], Awaitable[list[Match]]],
                 show: Callable[[Interaction, list[Match]], Awaitable[None]],
                 co_owner_ids: Collection[int] = (), timeout: float | None = None) -> None:
        """`note`: note the miss and return the other suggestions (once, whatever happens
        after); `show`: redraw the message with them."""
        super().__init__(owner_id=owner_id, co_owner_ids=co_owner_ids,
                         timeout=timeout or NOT_IT_TIMEOUT)
        self.origin: Interaction | None = None  # the /faq interaction it was sent with
        self.message: discord.Message | None = None  # or the reply to a mention it is on
        self.pressing = False
        self.others: list[Match] | None = None  # what `note` returned
        button: discord.ui.Button[NotItView] = discord.ui.Button(
            label="Not what I asked", custom_id=stamped(NOT_IT), style=discord.ButtonStyle.secondary)

        async def pressed(interaction: Interaction) -> None:
            if self.pressing:  # a second press on its way before the first was answered
                await interaction.response.defer()
                return
            self.pressing = True
            try:  # on an error the button stays usable; pressed again, it only redraws
                if self.others is None:
                    self.others = await note()
                await show(interaction, self.others)
            finally:
                self.pressing = False
            self.stop()

        button.callback = pressed  # type: ignore[method-assign]
        self.add_item(button)

    async def on_timeout(self) -> None:
        if self.pressing:  # the press redraws the message; taking the button off could undo it
            return
        await redraw_sent(self.origin, self.message, None, "take an expired not-it button off")


class StaleNotIt(discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=rf"{NOT_IT}:(?P<run>[0-9a-f]+)"):
    """A "Not what I asked" button from an earlier run of the bot: the question it was
    under died with that run, so the asker is asked to ask again."""

    def __init__(self, run: str) -> None:
        super().__init__(discord.ui.Button(custom_id=f"{NOT_IT}:{run}"))
        self.run = run

    @classmethod
    async def from_custom_id(  # type: ignore[override]
            cls, interaction: Interaction, item: discord.ui.Button[Any], match: re.Match[str],
    ) -> StaleNotIt:
        return cls(match["run"])

    async def interaction_check(self, interaction: Interaction) -> bool:
        return self.run != BotRun.current

    async def callback(self, interaction: Interaction) -> None:
        await send_ephemeral(interaction, "That button is from before I restarted, so it no "
                                          "longer works. Ask again with /faq, in other words "
                                          "if you can.")


class StaleSuggestion(discord.ui.DynamicItem[discord.ui.Button[Any]],
                      template=r"faq-dym:(?P<run>[0-9a-f]+):\d+:(?P<ref>.+)"):
    """A "did you mean" button from an earlier run of the bot (`BotRun`), whose live view
    died with it: this run's clicks go to their live DidYouMeanView (this item lets them
    pass), older ones get the answer privately instead of Discord's "This interaction
    failed"."""

    def __init__(self, run: str, ref: str, custom_id: str) -> None:
        super().__init__(discord.ui.Button(custom_id=custom_id))
        self.run = run
        self.ref = ref

    @classmethod
    async def from_custom_id(  # type: ignore[override]
            cls, interaction: Interaction, item: discord.ui.Button[Any], match: re.Match[str],
    ) -> StaleSuggestion:
        return cls(match["run"], match["ref"], item.custom_id or "")

    async def interaction_check(self, interaction: Interaction) -> bool:
        return self.run != BotRun.current

    async def callback(self, interaction: Interaction) -> None:
        index = await interaction.client.answers.index(interaction.guild_id)
        entry = index.get(self.ref)
        if entry is None:
            await send_ephemeral(interaction, "That suggestion is gone. Ask again with /faq.")
            return
        await interaction.response.send_message(embed=entry_embed(entry), ephemeral=True,
                                                allowed_mentions=NO_PINGS)

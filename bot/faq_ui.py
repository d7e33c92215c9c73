"""FAQ-facing Discord pieces: answer embeds, "did you mean" buttons, the add/edit form,
the remove confirmation and the unanswered listing.

Views and modals here only present and collect; what happens on a click or a submit is a
callback the cog passes in, so the domain calls stay in one place (cogs/faq*.py).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord
from discord import app_commands

from bot.engine import Entry, Match
from bot.exchange import ALIAS_MAX, ANSWER_MAX, QUESTION_MAX, TAG_MAX, draft_or_raise, split_commas
from bot.models import Faq, FaqDraft, UnansweredQuestion
from bot.ui import (
    BRAND_COLOUR,
    CHOICE_NAME_LIMIT,
    EMBED_DESCRIPTION_LIMIT,
    EMBED_TITLE_LIMIT,
    MESSAGE_LIMIT,
    NO_PINGS,
    BaseModal,
    BaseView,
    clip,
)

log = logging.getLogger(__name__)

Interaction = discord.Interaction[Any]
PickHandler = Callable[[Interaction, Entry], Awaitable[None]]
SaveHandler = Callable[[FaqDraft], Awaitable[Faq]]
MissHandler = Callable[[Interaction, UnansweredQuestion], Awaitable[None]]

DID_YOU_MEAN_TIMEOUT = 120.0
CONFIRM_TIMEOUT = 60.0
LISTING_TIMEOUT = 300.0
BUTTON_LABEL_LIMIT = 80
CUSTOM_ID_LIMIT = 100
MODAL_TITLE_LIMIT = 45
OPTION_LIMIT = 100


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


def choice_name(question: str, suffix: str = "") -> str:
    """An autocomplete choice name: at most 100 characters, cut at a word."""
    return clip(question, CHOICE_NAME_LIMIT - len(suffix)) + suffix


def uses_suffix(uses: int) -> str:
    return f" · {uses} use{'' if uses == 1 else 's'}"


def quote(text: str, limit: int = 100) -> str:
    """A user's text inside our own sentence: clipped, on one line, code spans neutralised."""
    return clip(" ".join(text.split()).replace("`", "'"), limit)


def not_confident_text(query: str, suggestions: Sequence[Match], *, logged: bool) -> str:
    noted = " I've noted the question for the server's managers." if logged else ""
    if suggestions:
        text = f"I'm not sure I have an answer to “{quote(query)}”. Did you mean one of these?{noted}"
    else:
        text = (f"I don't have an answer to “{quote(query)}” yet.{noted} Try other words, "
                "or ask a server manager to add it with /faq-admin add.")
    return clip(text, MESSAGE_LIMIT)


class DidYouMeanView(BaseView):
    """Up to three suggestions as buttons; only the asker may press; they expire."""

    def __init__(self, suggestions: Sequence[Match], *, owner_id: int, on_pick: PickHandler,
                 timeout: float = DID_YOU_MEAN_TIMEOUT) -> None:
        super().__init__(owner_id=owner_id, timeout=timeout)
        self.on_pick = on_pick
        self.message: discord.Message | None = None  # set when sent as a plain message
        self.origin: Interaction | None = None  # set when sent as an interaction response
        self.picked: Entry | None = None
        for position, match in enumerate(suggestions[:3]):
            self.add_item(self._button(position, match.entry))

    def _button(self, position: int, entry: Entry) -> discord.ui.Button[DidYouMeanView]:
        button: discord.ui.Button[DidYouMeanView] = discord.ui.Button(
            label=clip(entry.question, BUTTON_LABEL_LIMIT),
            custom_id=f"faq-dym:{position}:{entry.ref}"[:CUSTOM_ID_LIMIT],
            style=discord.ButtonStyle.secondary,
        )

        async def pressed(interaction: Interaction) -> None:
            self.picked = entry
            self.stop()
            await self.on_pick(interaction, entry)

        button.callback = pressed  # type: ignore[method-assign]
        return button

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        try:
            if self.origin is not None:
                await self.origin.edit_original_response(view=self)
            elif self.message is not None:
                await self.message.edit(view=self, allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            log.debug("could not disable expired did-you-mean buttons")


# --- admin ----------------------------------------------------------------------------
def require_manager(interaction: Interaction) -> int:
    """The guild id, if the user may manage this server's FAQs; raise the refusal otherwise.

    Commands are hidden from non-managers by default, but server admins can change that,
    so every admin command, button and form checks again when used.
    """
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    permissions = interaction.permissions
    if not (permissions.manage_guild or permissions.administrator):
        raise app_commands.MissingPermissions(["manage_guild"])
    return interaction.guild_id


class AdminView(BaseView):
    """A view for a server manager: only its owner, and only while they can manage the server."""

    async def interaction_check(self, interaction: Interaction) -> bool:
        if not await super().interaction_check(interaction):
            return False
        require_manager(interaction)
        return True

    def disable_all(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True


class FaqModal(BaseModal):
    """The add/edit form: question, answer (multi-line), aliases and tags (comma-separated)."""

    def __init__(self, *, title: str, save: SaveHandler, faq: Faq | None = None,
                 question: str | None = None) -> None:
        super().__init__(title=clip(title, MODAL_TITLE_LIMIT), timeout=900)
        self.save = save
        self.question: discord.ui.TextInput[FaqModal] = discord.ui.TextInput(
            label="Question", max_length=QUESTION_MAX,
            default=clip(faq.question if faq else question or "", QUESTION_MAX) or None,
            placeholder="When does the watch party start?")
        self.answer: discord.ui.TextInput[FaqModal] = discord.ui.TextInput(
            label="Answer", style=discord.TextStyle.paragraph, max_length=ANSWER_MAX,
            default=faq.answer if faq else None)
        self.aliases: discord.ui.TextInput[FaqModal] = discord.ui.TextInput(
            label="Other ways to ask (comma-separated)", required=False, max_length=4000,
            default=", ".join(faq.aliases) if faq and faq.aliases else None,
            placeholder=f"watch party time, movie night (each up to {ALIAS_MAX} characters)")
        self.tags: discord.ui.TextInput[FaqModal] = discord.ui.TextInput(
            label="Tags (comma-separated)", required=False, max_length=400,
            default=", ".join(faq.tags) if faq and faq.tags else None,
            placeholder=f"events, rules (each up to {TAG_MAX} characters)")
        for item in (self.question, self.answer, self.aliases, self.tags):
            self.add_item(item)

    async def interaction_check(self, interaction: Interaction) -> bool:
        require_manager(interaction)
        return True

    async def on_submit(self, interaction: Interaction) -> None:
        draft = draft_or_raise(self.question.value, self.answer.value,
                               split_commas(self.aliases.value), split_commas(self.tags.value))
        faq = await self.save(draft)
        note = ("Saved this server's own version; it replaces the shipped answer here only."
                if faq.overrides_id is not None else "Saved. /faq answers with it from now on.")
        await interaction.response.send_message(
            note, embed=answer_embed(faq.question, faq.answer), ephemeral=True,
            allowed_mentions=NO_PINGS)


ConfirmHandler = Callable[[Interaction], Awaitable[str]]


class ConfirmView(AdminView):
    """Confirm or cancel a destructive action; the handler returns the message to show."""

    def __init__(self, *, owner_id: int, confirm_label: str, on_confirm: ConfirmHandler,
                 timeout: float = CONFIRM_TIMEOUT) -> None:
        super().__init__(owner_id=owner_id, timeout=timeout)
        self.on_confirm = on_confirm
        self.origin: Interaction | None = None
        self.confirm.label = confirm_label

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger, custom_id="faq-confirm")
    async def confirm(self, interaction: Interaction, button: discord.ui.Button[ConfirmView]) -> None:
        self.stop()
        outcome = await self.on_confirm(interaction)
        await interaction.response.edit_message(content=clip(outcome, MESSAGE_LIMIT), view=None,
                                                allowed_mentions=NO_PINGS)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary, custom_id="faq-cancel")
    async def cancel(self, interaction: Interaction, button: discord.ui.Button[ConfirmView]) -> None:
        self.stop()
        await interaction.response.edit_message(content="Cancelled; nothing changed.", view=None,
                                                allowed_mentions=NO_PINGS)

    async def on_timeout(self) -> None:
        if self.origin is not None:
            try:
                await self.origin.edit_original_response(
                    content="Timed out; nothing changed.", view=None, allowed_mentions=NO_PINGS)
            except discord.HTTPException:
                log.debug("could not expire a confirmation")


# --- unanswered -----------------------------------------------------------------------
def unanswered_embed(misses: Sequence[UnansweredQuestion]) -> discord.Embed:
    lines = []
    for number, miss in enumerate(misses, start=1):
        times = "once" if miss.count == 1 else f"{miss.count} times"
        lines.append(f"**{number}.** {discord.utils.escape_markdown(quote(miss.sample, 200))} "
                     f"— asked {times}, last {discord.utils.format_dt(miss.last_asked, 'R')}")
    embed = discord.Embed(title="Questions without a confident answer",
                          description=clip("\n".join(lines), EMBED_DESCRIPTION_LIMIT),
                          colour=BRAND_COLOUR)
    embed.set_footer(text="Pick one below to answer it with a new FAQ.")
    return embed


class UnansweredView(AdminView):
    """A select menu of the listed misses; picking one opens the add form prefilled."""

    def __init__(self, misses: Sequence[UnansweredQuestion], *, owner_id: int,
                 on_pick: MissHandler, timeout: float = LISTING_TIMEOUT) -> None:
        super().__init__(owner_id=owner_id, timeout=timeout)
        self.misses = list(misses)
        self.on_pick = on_pick
        self.origin: Interaction | None = None
        select: discord.ui.Select[UnansweredView] = discord.ui.Select(
            custom_id="faq-unanswered", placeholder="Answer one of these with a new FAQ…",
            options=[
                discord.SelectOption(
                    label=clip(quote(miss.sample, OPTION_LIMIT), OPTION_LIMIT), value=str(number),
                    description=f"asked {miss.count} time{'' if miss.count == 1 else 's'}")
                for number, miss in enumerate(self.misses)
            ],
        )
        select.callback = self._picked  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def _picked(self, interaction: Interaction) -> None:
        miss = self.misses[int(self.select.values[0])]
        await self.on_pick(interaction, miss)

    async def on_timeout(self) -> None:
        self.disable_all()
        if self.origin is not None:
            try:
                await self.origin.edit_original_response(view=self)
            except discord.HTTPException:
                log.debug("could not expire the unanswered listing")

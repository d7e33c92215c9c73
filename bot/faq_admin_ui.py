"""FAQ-facing Discord pieces for server managers: the add/edit form, and the retry and
remove confirmations. The unanswered listing is in bot/unanswered_ui.py.

Views and modals here only present and collect; what happens on a submit or a click is a
callback the cog passes in, so the domain calls stay in one place (cogs/faq_admin.py).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import discord

from bot.errors import ConciergeError, InvalidFaq
from bot.exchange import (
    ALIAS_MAX,
    ANSWER_MAX,
    QUESTION_MAX,
    TAG_MAX,
    draft_or_raise,
    split_aliases,
    split_commas,
)
from bot.faq_ui import Interaction, answer_embed
from bot.models import Faq, FaqDraft
from bot.ui import (
    MESSAGE_LIMIT,
    NO_PINGS,
    BaseModal,
    BaseView,
    BotRun,
    clip,
    require_manager,
    send_ephemeral,
    stamped,
)

log = logging.getLogger(__name__)

SaveHandler = Callable[[FaqDraft], Awaitable[Faq]]

CONFIRM_TIMEOUT = 60.0
RETRY_TIMEOUT = 600.0
ALIASES_INPUT_MAX = 4000
TAGS_INPUT_MAX = 400
MODAL_TITLE_LIMIT = 45
OPTION_LIMIT = 100
FIX_IT = "Press “Fix it” to change what you typed."
FIX_IT_EXPIRED = "(The “Fix it” button has expired: run the command again.)"


class AdminView(BaseView):
    """A view for a server manager: only its owner, and only while they can manage the server.

    A view that takes many clicks lives a fixed time from `start_expiry`, however often it
    is clicked: discord.py's own timeout restarts on every click, and could outlive the
    15-minute token of `origin` (the response the view is on), which showing it expired needs.
    Expired, it is disabled on screen and stopped (no longer listening)."""

    def __init__(self, *, owner_id: int, timeout: float | None = None) -> None:
        super().__init__(owner_id=owner_id, timeout=timeout)
        self.origin: Interaction | None = None
        self._expiry: asyncio.Task[None] | None = None

    def start_expiry(self, after: float) -> None:
        self._expiry = asyncio.create_task(self._expire_later(after))

    def finish(self) -> None:
        """Done before expiring: stop listening, and expire nothing later."""
        if self._expiry is not None:
            self._expiry.cancel()
        self.stop()

    async def interaction_check(self, interaction: Interaction) -> bool:
        if not await super().interaction_check(interaction):
            return False
        require_manager(interaction)
        return True

    async def _expire_later(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._expiry = None  # no cancelling itself from here on
        self.disable_all()
        self.stop()
        if self.origin is not None:
            try:
                await self.show_expired(self.origin)
            except discord.HTTPException:
                log.debug("could not show %s expired", type(self).__name__)

    async def show_expired(self, origin: Interaction) -> None:
        await origin.edit_original_response(view=self)

    def disable_all(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True


@dataclass(frozen=True, slots=True)
class FormValues:
    """What the add/edit form shows: a FAQ's fields, or what an admin typed last time."""

    question: str = ""
    answer: str = ""
    aliases: str = ""
    tags: str = ""
    # the stored tags, kept when the tags field comes back as shown: an imported tag may
    # hold a comma ("movies, tv"), which the comma-separated field would split
    tag_list: tuple[str, ...] | None = None
    # the stored aliases: a line of the aliases field that is one of them stays whole
    alias_list: tuple[str, ...] = ()

    @classmethod
    def of(cls, faq: Faq) -> FormValues:
        return cls(faq.question, faq.answer, "\n".join(faq.aliases), ", ".join(faq.tags),
                   faq.tags, faq.aliases)

    def aliases_from(self, typed: str) -> Sequence[str]:
        """The aliases a submitted aliases field means."""
        return split_aliases(typed, self.alias_list)

    def tags_from(self, typed: str) -> Sequence[str]:
        """The tags a submitted tags field means."""
        if self.tag_list is not None and typed == self.tags:
            return list(self.tag_list)
        return split_commas(typed)


class ManagerModal(BaseModal):
    """A form for a server manager: checked again when it is submitted."""

    async def interaction_check(self, interaction: Interaction) -> bool:
        require_manager(interaction)
        return True


class FaqModal(ManagerModal):
    """The add/edit form: question, answer (multi-line), aliases (comma-separated or one
    per line) and tags (comma-separated).

    A bad or duplicate entry is refused with what is wrong and a "Fix it" button that
    reopens the form with what was typed, so a long answer is never lost.
    """

    def __init__(self, *, title: str, save: SaveHandler, values: FormValues = FormValues()) -> None:
        # no timeout: a long answer may take a while to write, and expiring would lose it
        super().__init__(title=clip(title, MODAL_TITLE_LIMIT), timeout=None)
        self.save = save
        self.shown = values  # what the form showed (`values` is taken: discord.ui.Modal)
        self.question: discord.ui.TextInput[FaqModal] = discord.ui.TextInput(
            label="Question", max_length=QUESTION_MAX, default=_prefill(values.question, QUESTION_MAX),
            placeholder="When does the watch party start?")
        self.answer: discord.ui.TextInput[FaqModal] = discord.ui.TextInput(
            label="Answer", style=discord.TextStyle.paragraph, max_length=ANSWER_MAX,
            default=_prefill(values.answer, ANSWER_MAX))
        self.aliases: discord.ui.TextInput[FaqModal] = discord.ui.TextInput(
            label="Other ways to ask (commas or new lines)", style=discord.TextStyle.paragraph,
            required=False, max_length=ALIASES_INPUT_MAX,
            default=_prefill(values.aliases, ALIASES_INPUT_MAX),
            placeholder=f"watch party time, movie night\n(each up to {ALIAS_MAX} characters)")
        self.tags: discord.ui.TextInput[FaqModal] = discord.ui.TextInput(
            label="Tags (comma-separated)", required=False, max_length=TAGS_INPUT_MAX,
            default=_prefill(values.tags, TAGS_INPUT_MAX),
            placeholder=f"events, rules (each up to {TAG_MAX} characters)")
        for item in (self.question, self.answer, self.aliases, self.tags):
            self.add_item(item)

    async def on_submit(self, interaction: Interaction) -> None:
        try:
            draft = draft_or_raise(self.question.value, self.answer.value,
                                   self.shown.aliases_from(self.aliases.value),
                                   self.shown.tags_from(self.tags.value))
            faq = await self.save(draft)
        except ConciergeError as error:  # invalid, duplicate, or removed meanwhile: keep the text
            message = form_problems(error) if isinstance(error, InvalidFaq) else error.message
            kept = self.shown.tag_list if self.tags.value == self.shown.tags else None
            typed = FormValues(self.question.value, self.answer.value, self.aliases.value,
                               self.tags.value, kept, self.shown.alias_list)
            retry = RetryView(owner_id=interaction.user.id, title=self.title, save=self.save,
                              typed=typed)
            retry.origin = interaction
            await interaction.response.send_message(
                clip(f"{message} {FIX_IT}", MESSAGE_LIMIT),
                view=retry, ephemeral=True, allowed_mentions=NO_PINGS)
            retry.start_expiry(RETRY_TIMEOUT)
            return
        note = ("Saved this server's own version; it replaces the shipped answer here only."
                if faq.overrides_id is not None else "Saved. /faq answers with it from now on.")
        await interaction.response.send_message(
            note, embed=answer_embed(faq.question, faq.answer), ephemeral=True,
            allowed_mentions=NO_PINGS)


# the exchange format's field names, as the form labels them
_FORM_FIELDS = {"question": "Question", "answer": "Answer", "aliases": "Other ways to ask",
                "tags": "Tags"}
_ITEM_RE = re.compile(r"^(\w+)\[(\d+)\]$")


def form_problems(error: InvalidFaq) -> str:
    """What is wrong with a submitted form, in the form's own words: "Other ways to ask #2:
    is 120 characters, the limit is 100" (not "aliases[1]", counted from 0)."""
    parts = []
    for problem in error.problems:
        item = _ITEM_RE.match(problem.field)
        if item is not None:
            label = _FORM_FIELDS.get(item.group(1), item.group(1))
            parts.append(f"{label} #{int(item.group(2)) + 1}: {problem.problem}")
        else:
            parts.append(f"{_FORM_FIELDS.get(problem.field, problem.field)}: {problem.problem}")
    return f"Nothing was saved. {'; '.join(parts)}."


def _prefill(text: str, limit: int) -> str | None:
    return text[:limit] or None


class RetryView(AdminView):
    """One button that reopens a refused form with what the admin typed; a new form each
    time (a form, once submitted, is done). It expires RETRY_TIMEOUT after the refusal,
    however often it was clicked: the refusal's token, which disabling it needs, lasts
    15 minutes, and discord.py's own timeout would restart on every click."""

    def __init__(self, *, owner_id: int, title: str, save: SaveHandler, typed: FormValues) -> None:
        super().__init__(owner_id=owner_id)
        self.title, self.save, self.typed = title, save, typed
        self.fix.custom_id = stamped("faq-fix")

    @discord.ui.button(label="Fix it", style=discord.ButtonStyle.primary, custom_id="faq-fix")
    async def fix(self, interaction: Interaction, button: discord.ui.Button[RetryView]) -> None:
        # not stopped: a form closed by accident can be reopened until the button expires
        await interaction.response.send_modal(
            FaqModal(title=self.title, save=self.save, values=self.typed))

    async def show_expired(self, origin: Interaction) -> None:
        message = await origin.original_response()
        content = (message.content or "").replace(FIX_IT, FIX_IT_EXPIRED)
        await origin.edit_original_response(content=content, view=self, allowed_mentions=NO_PINGS)


ConfirmHandler = Callable[[Interaction], Awaitable[str]]


class ConfirmView(AdminView):
    """Confirm or cancel a destructive action; the handler returns the message to show."""

    def __init__(self, *, owner_id: int, confirm_label: str, on_confirm: ConfirmHandler,
                 timeout: float | None = None) -> None:
        super().__init__(owner_id=owner_id, timeout=timeout or CONFIRM_TIMEOUT)  # one click ends it
        self.on_confirm = on_confirm
        self.confirm.label = confirm_label
        self.confirm.custom_id = stamped("faq-confirm")
        self.cancel.custom_id = stamped("faq-cancel")

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger, custom_id="faq-confirm")
    async def confirm(self, interaction: Interaction, button: discord.ui.Button[ConfirmView]) -> None:
        outcome = await self.on_confirm(interaction)  # on an error the buttons stay usable
        self.stop()
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


class StaleAdminControl(discord.ui.DynamicItem[discord.ui.Item[Any]],
                        template=r"(?P<name>faq-(?:fix|confirm|cancel|unanswered(?:-wording|-dismiss)?|wording-target))"
                                 r":(?P<run>[0-9a-f]+)"):
    """A manager's button or menu from an earlier run of the bot (`BotRun`), whose live view
    died with it: told so, instead of Discord's "This interaction failed". This run's
    clicks pass on to their live views."""

    def __init__(self, item: discord.ui.Item[Any], run: str) -> None:
        super().__init__(item)
        self.run = run

    @classmethod
    async def from_custom_id(
            cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str],
    ) -> StaleAdminControl:
        return cls(item, match["run"])

    async def interaction_check(self, interaction: Interaction) -> bool:
        return self.run != BotRun.current

    async def callback(self, interaction: Interaction) -> None:
        await send_ephemeral(interaction, "That button is from before I restarted, so it no "
                                          "longer works. Please run the command again.")

"""/faq-admin: add, edit, remove, restore, import, export and the unanswered list, for managers.

The group is hidden from members without Manage Server by default (Discord-side), and
`interaction_check` checks again at run time, as do the forms and buttons it opens.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import unanswered_ui
from bot.errors import FaqChanged, FaqNotFound, FaqNotHidden, InvalidExchangeFile, InvalidFaq, problems_report
from bot.exchange import MAX_ENTRIES, MAX_FILE_BYTES, dump_exchange, parse_exchange
from bot.faq_admin_ui import ConfirmView, FaqModal, FormValues, StaleAdminControl
from bot.faq_ui import choice_name, quote, uses_suffix
from bot.markup import escape_markdown
from bot.models import Faq, FaqDraft, UnansweredQuestion
from bot.ui import (
    CHOICE_LIMIT,
    MESSAGE_LIMIT,
    NO_PINGS,
    clip,
    picked_id,
    require_manager,
    send_ephemeral,
)
from bot.unanswered_ui import (
    Settle,
    UnansweredView,
    WordingModal,
    WordingTargetView,
    unanswered_embed,
)
from bot.wordings import WordingAdded, WordingTarget, fits_a_wording

if TYPE_CHECKING:
    from bot.client import ConciergeBot

log = logging.getLogger(__name__)

Interaction = discord.Interaction["ConciergeBot"]
UNANSWERED_SHOWN = 10
POPULAR_SHOWN = 5
RESTORE_HINT = "/faq-admin restore brings it back."
SHIPPED_MARK = " · shipped"


class FaqAdmin(commands.Cog):
    group = app_commands.Group(
        name="faq-admin", description="Manage this server's FAQs",
        default_permissions=discord.Permissions(manage_guild=True), guild_only=True)

    def __init__(self, bot: ConciergeBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(StaleAdminControl)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(StaleAdminControl)

    async def interaction_check(self, interaction: Interaction, /) -> bool:  # type: ignore[override]
        require_manager(interaction)  # raises the refusal, shown by report_error
        return True

    # --- add / edit / remove ----------------------------------------------------------
    @group.command(name="add", description="Add an FAQ to this server (opens a form)")
    async def add(self, interaction: Interaction) -> None:
        guild_id = require_manager(interaction)
        await interaction.response.send_modal(FaqModal(
            title="Add an FAQ", save=lambda draft: self.bot.answers.add_faq(guild_id, draft)))

    @group.command(name="edit", description="Edit an FAQ; a shipped one gets this server's own version")
    @app_commands.describe(faq="The FAQ to edit")
    async def edit(self, interaction: Interaction, faq: str) -> None:
        guild_id = require_manager(interaction)
        current = await self.visible_faq(guild_id, faq)
        await interaction.response.send_modal(FaqModal(
            title="Edit an FAQ", values=FormValues.of(current),
            save=lambda draft: self.bot.answers.edit_faq(guild_id, current.id, draft,
                                                          opened=current)))

    @group.command(name="remove", description="Remove an FAQ (a shipped one is hidden in this server)")
    @app_commands.describe(faq="The FAQ to remove")
    async def remove(self, interaction: Interaction, faq: str) -> None:
        guild_id = require_manager(interaction)
        current = await self.visible_faq(guild_id, faq)
        shipped = current.is_shipped
        question = f"“{clip(current.question, 200)}”"
        used = f" (used {current.uses} time{'' if current.uses == 1 else 's'} here)"
        if shipped:
            prompt = f"Hide {question}{used} in this server? It is a shipped FAQ; other servers keep it."
        else:
            prompt = f"Remove {question}{used} from this server's FAQs?"

        async def confirmed(click: Interaction) -> str:
            try:
                await self.bot.answers.remove_faq(guild_id, current.id, shown=current)
            except FaqChanged as changed:  # another manager's edit: this prompt is out of date
                return clip(changed.message, MESSAGE_LIMIT)
            if shipped:
                return f"Hid {question} in this server. {RESTORE_HINT}"
            if current.overrides_id is not None:  # the shipped FAQ it replaced stays hidden
                return f"Removed {question}. The shipped FAQ it replaced stays hidden: {RESTORE_HINT}"
            return f"Removed {question}."

        view = ConfirmView(owner_id=interaction.user.id, on_confirm=confirmed,
                           confirm_label="Hide" if shipped else "Remove")
        view.origin = interaction
        await interaction.response.send_message(prompt, view=view, ephemeral=True,
                                                allowed_mentions=NO_PINGS)

    @group.command(name="restore", description="Bring back a shipped FAQ hidden in this server")
    @app_commands.describe(faq="The hidden FAQ to bring back")
    async def restore(self, interaction: Interaction, faq: str) -> None:
        guild_id = require_manager(interaction)
        faq_id = picked_id(faq)
        if faq_id is None:
            raise FaqNotHidden(clip(faq.strip(), 60))
        restored = await self.bot.answers.restore_faq(guild_id, faq_id)
        await interaction.response.send_message(
            f"Restored “{clip(restored.question, 200)}” in this server: /faq answers it again.",
            ephemeral=True, allowed_mentions=NO_PINGS)

    @restore.autocomplete("faq")
    async def hidden_choices(self, interaction: Interaction, current: str,
                             ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        hidden = await self.bot.answers.hidden_faqs(interaction.guild_id, current, CHOICE_LIMIT)
        return [app_commands.Choice(name=choice_name(faq.question, uses_suffix(faq.uses)),
                                    value=str(faq.id)) for faq in hidden]

    @edit.autocomplete("faq")
    @remove.autocomplete("faq")
    async def faq_choices(self, interaction: Interaction, current: str,
                          ) -> list[app_commands.Choice[str]]:
        matches = await self.bot.answers.complete(interaction.guild_id, current, CHOICE_LIMIT)
        return [  # a shipped FAQ says so: removing it hides it, editing makes this server's own
            app_commands.Choice(name=choice_name(m.entry.question, SHIPPED_MARK * m.entry.shipped
                                                 + uses_suffix(m.entry.uses)),
                                value=str(m.entry.faq_id))
            for m in matches if m.entry.faq_id is not None
        ]

    async def visible_faq(self, guild_id: int, value: str) -> Faq:
        faq_id = picked_id(value)
        if faq_id is None:
            raise FaqNotFound(clip(value.strip(), 60))
        return await self.bot.answers.faq(guild_id, faq_id)

    # --- import / export ----------------------------------------------------------------
    @group.command(name="import", description="Import FAQs from a JSON file (the export format)")
    @app_commands.describe(file="A .json file like the one /faq-admin export gives")
    async def import_(self, interaction: Interaction, file: discord.Attachment) -> None:
        guild_id = require_manager(interaction)
        is_json = file.filename.lower().endswith(".json") or (
            file.content_type or "").startswith("application/json")
        if not is_json:
            raise InvalidExchangeFile("That is not a .json file. Attach the JSON that "
                                      "/faq-admin export gives (or the same format).")
        if file.size > MAX_FILE_BYTES:
            raise InvalidExchangeFile(f"The file is {file.size:,} bytes; the limit is "
                                      f"{MAX_FILE_BYTES:,}. Split it into smaller files.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            raw = await file.read()
        except discord.HTTPException as error:
            raise InvalidExchangeFile("I couldn't download that file. Please try again.") from error
        try:
            drafts = parse_exchange(raw)  # everything is checked before anything is written
            result = await self.bot.answers.import_faqs(guild_id, drafts)
        except InvalidFaq as error:
            if error.named_in_full:
                raise
            # SPEC: each bad entry by index and field; past what a message holds, in a file
            report = io.BytesIO(problems_report(error).encode())
            note = " The attached file lists every problem by entry and field."
            await interaction.followup.send(
                clip(error.message, MESSAGE_LIMIT - len(note)) + note,
                file=discord.File(report, filename="import-problems.txt"),
                ephemeral=True, allowed_mentions=NO_PINGS)
            return
        await interaction.followup.send(
            f"Imported {clip(file.filename, 100)}: {len(result.created)} added, "
            f"{len(result.updated)} updated, {result.unchanged} unchanged.",
            ephemeral=True, allowed_mentions=NO_PINGS)

    @group.command(name="export", description="This server's own FAQs as a JSON file")
    async def export(self, interaction: Interaction) -> None:
        guild_id = require_manager(interaction)
        faqs = await self.bot.answers.export_faqs(guild_id)
        data = dump_exchange(faqs).encode()
        if len(data) > MAX_FILE_BYTES or len(faqs) > MAX_ENTRIES:  # import would refuse it
            raise InvalidExchangeFile("This server's FAQs are too big for one Discord file; "
                                      "use `python -m bot export --guild` on the host instead.")
        count = f"{len(faqs)} FAQ{'' if len(faqs) == 1 else 's'}"
        note = (f"{count}: this server's own and its versions of shipped ones."
                if faqs else "This server has no FAQs of its own yet; the file is an empty template.")
        await interaction.response.send_message(
            note, file=discord.File(io.BytesIO(data), filename=f"faqs-{guild_id}.json"),
            ephemeral=True, allowed_mentions=NO_PINGS)

    # --- unanswered ---------------------------------------------------------------------
    @group.command(name="unanswered", description="Questions that got no confident answer, most asked first")
    async def unanswered(self, interaction: Interaction) -> None:
        guild_id = require_manager(interaction)
        misses = await self.bot.answers.unanswered(guild_id, UNANSWERED_SHOWN)
        popular = await self.bot.answers.complete(guild_id, "", POPULAR_SHOWN)
        if not misses:
            await interaction.response.send_message(embed=unanswered_embed(misses, popular),
                                                    ephemeral=True, allowed_mentions=NO_PINGS)
            return
        view = UnansweredView(misses, popular, owner_id=interaction.user.id,
                              on_pick=self.answer_miss, on_reword=self.reword_miss,
                              on_dismiss=self.dismiss_miss)
        view.origin = interaction
        await interaction.response.send_message(embed=view.embed(), view=view, ephemeral=True,
                                                allowed_mentions=NO_PINGS)
        view.start_expiry(unanswered_ui.LISTING_LIFETIME)

    async def answer_miss(self, interaction: Interaction, miss: UnansweredQuestion,
                          settle: Settle) -> None:
        guild_id = require_manager(interaction)

        async def save(draft: FaqDraft) -> Faq:
            faq = await self.bot.answers.add_faq(guild_id, draft)
            await self.bot.store.unanswered.resolve(guild_id, miss.query_norm)
            await settle()
            return faq

        await interaction.response.send_modal(
            FaqModal(title="Answer a question", values=FormValues(question=miss.sample), save=save))

    async def reword_miss(self, interaction: Interaction, miss: UnansweredQuestion,
                          settle: Settle) -> None:
        """Offer the FAQs the miss may be another way to ask; the one picked gets it among
        its other ways to ask (shortened first by the manager if it is too long for one)."""
        guild_id = require_manager(interaction)
        asked = f"“{escape_markdown(quote(miss.sample, 200))}”"
        targets = await self.bot.answers.wording_targets(guild_id, miss)
        if not targets:
            await send_ephemeral(interaction, f"I have no FAQ to suggest for {asked}. Answer it "
                                              "with a new FAQ instead, or add it under “Other ways "
                                              "to ask” with /faq-admin edit.")
            return

        async def add(target: WordingTarget, wording: str) -> str:
            added = await self.bot.answers.add_wording(guild_id, target.faq_id, wording,
                                                       miss=miss.query_norm)
            await settle()
            return wording_added(wording, added, shipped=target.entry.shipped)

        async def picked(reply: Interaction, target: WordingTarget) -> bool:
            if fits_a_wording(miss.sample):
                outcome = await add(target, miss.sample)
                await reply.response.edit_message(content=outcome, view=None,
                                                  allowed_mentions=NO_PINGS)
                return True

            async def save(submitted: Interaction, wording: str) -> None:
                outcome = await add(target, wording)
                await submitted.response.send_message(outcome, ephemeral=True,
                                                      allowed_mentions=NO_PINGS)
                await view.close()

            await reply.response.send_modal(WordingModal(miss.sample, save))
            return False

        view = WordingTargetView(targets, owner_id=interaction.user.id, on_pick=picked)
        view.origin = interaction
        await interaction.response.send_message(
            f"Which FAQ answers {asked}? It becomes another way to ask that FAQ.",
            view=view, ephemeral=True, allowed_mentions=NO_PINGS)
        view.start_expiry(unanswered_ui.LISTING_LIFETIME)

    async def dismiss_miss(self, interaction: Interaction, miss: UnansweredQuestion,
                           settle: Settle) -> None:
        guild_id = require_manager(interaction)
        await self.bot.store.unanswered.resolve(guild_id, miss.query_norm)
        await interaction.response.send_message(
            f"Dismissed “{clip(miss.sample, 200)}”. It comes back only if someone asks it again.",
            ephemeral=True, allowed_mentions=NO_PINGS)
        await settle()


def wording_added(wording: str, added: WordingAdded, *, shipped: bool) -> str:
    """`shipped`: the FAQ picked was a shipped one, which the server now has its own version of."""
    faq = added.faq
    outcome = (f"Added “{escape_markdown(quote(wording))}” to “{escape_markdown(quote(faq.question))}” "
               "as another way to ask it.")
    if shipped:
        outcome += " This server now has its own version of that shipped FAQ."
    if added.answers_now:
        return f"{outcome} /faq answers it with that FAQ now."
    return (f"{outcome} /faq is still not sure of it: other words in it point elsewhere. "
            "A shorter way to ask, added with /faq-admin edit, would help.")


async def setup(bot: ConciergeBot) -> None:
    await bot.add_cog(FaqAdmin(bot))

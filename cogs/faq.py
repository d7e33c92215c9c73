"""/faq (with autocomplete), answers to mentions, and the "Find answer" message context menu."""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.engine import Answer, Entry, Match, faq_entry
from bot.errors import ConciergeError
from bot.faq_ui import (
    DidYouMeanView,
    NotItView,
    StaleNotIt,
    StaleSuggestion,
    choice_name,
    entry_embed,
    entry_text,
    not_confident_text,
)
from bot.markup import without_markup
from bot.ui import CHOICE_LIMIT, NO_PINGS, picked_id, send_ephemeral

if TYPE_CHECKING:
    from bot.client import ConciergeBot

log = logging.getLogger(__name__)

FAQ_RATE = 5  # questions per user ...
FAQ_PER = 30.0  # ... per this many seconds, for /faq, Find answer and mentions alike
QUESTION_MAX = 300
REPLY_FAILED = "I couldn't reply to that message, so I posted the answer below."
REPLY_FAILED_POSTED = "I couldn't reply to that message, so I posted the answer."  # no "below" to point at
MENTION_HINT = "Ask me a question after the mention, like “@Concierge who directed Ballerina?”, or use /faq."
EMPTY_QUESTION = "Type a question, like “who directed Ballerina?”, or pick one of the suggestions."
# An autocomplete pick's value: the FAQ id behind a mark nobody types, so a question that is
# only a number ("4") is still read as text.
PICKED = "faq#"

Interaction = discord.Interaction["ConciergeBot"]


def user_key(interaction: Interaction) -> int:
    return interaction.user.id


class FaqCommands(commands.Cog):
    def __init__(self, bot: ConciergeBot) -> None:
        self.bot = bot
        self.find_menu = app_commands.ContextMenu(name="Find answer", callback=self.find_answer)
        self.mention_cooldown = commands.CooldownMapping.from_cooldown(
            FAQ_RATE, FAQ_PER, commands.BucketType.user)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.find_menu)
        self.bot.add_dynamic_items(StaleSuggestion, StaleNotIt)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.find_menu.name, type=self.find_menu.type)
        self.bot.remove_dynamic_items(StaleSuggestion, StaleNotIt)

    # --- /faq -------------------------------------------------------------------------
    @app_commands.command(name="faq", description="Ask a question about John Wick, Ballerina and co.")
    @app_commands.describe(question="Your question (pick a suggestion or type your own)",
                           private="Show the answer only to you")
    @app_commands.checks.cooldown(FAQ_RATE, FAQ_PER, key=user_key)
    async def faq(self, interaction: Interaction,
                  question: app_commands.Range[str, 1, QUESTION_MAX], private: bool = False) -> None:
        guild_id = interaction.guild_id
        entry = await self.picked(guild_id, question)
        typed = entry is None
        if entry is None:
            question = without_markup(question)
            if not question:
                await send_ephemeral(interaction, EMPTY_QUESTION)
                return
            answer = await self.bot.answers.ask(guild_id, question, log_miss=True)
            if answer.best is None:
                await self.offer_suggestions(interaction, question, answer, ephemeral=private)
                return
            entry = answer.best.entry
        await self.bot.answers.record_use(guild_id, entry)
        if not typed:  # an autocomplete pick: the asker chose that question, it can't be wrong
            await interaction.response.send_message(embed=entry_embed(entry), ephemeral=private,
                                                    allowed_mentions=NO_PINGS)
            return
        view = self.not_it_view(interaction.user.id, guild_id, question, entry)
        view.origin = interaction
        await interaction.response.send_message(embed=entry_embed(entry), view=view,
                                                ephemeral=private, allowed_mentions=NO_PINGS)

    def not_it_view(self, owner_id: int, guild_id: int | None, question: str,
                    entry: Entry, *, helper_id: int | None = None) -> NotItView:
        """"Not what I asked" under a confident answer to a typed question (/faq, a mention,
        or the message a helper ran Find answer on), for its asker and that helper."""
        helpers = () if helper_id is None else (helper_id,)
        return NotItView(owner_id=owner_id, co_owner_ids=helpers,
                         note=lambda: self.bot.answers.not_it(guild_id, question, entry),
                         show=lambda pressed, others: self.show_others(
                             pressed, question, others, co_owner_ids=(owner_id, *helpers)))

    async def show_others(self, interaction: Interaction, question: str,
                          others: list[Match], *, co_owner_ids: Collection[int] = ()) -> None:
        """"Not what I asked" (the miss noted already): the answer becomes "did you mean"
        with the other suggestions, for whoever could press it."""
        text = not_confident_text(question, others, in_server=interaction.guild_id is not None,
                                  wrong=True)
        view = None
        if others:
            view = DidYouMeanView(others, owner_id=interaction.user.id, co_owner_ids=co_owner_ids,
                                  on_pick=lambda i, picked: self.answer_in_place(i, picked, question))
            view.origin = interaction
        await interaction.response.edit_message(content=text, embed=None, view=view,
                                                allowed_mentions=NO_PINGS, suppress_embeds=True)

    @faq.autocomplete("question")
    async def faq_question(self, interaction: Interaction, current: str,
                           ) -> list[app_commands.Choice[str]]:
        matches = await self.bot.answers.complete(interaction.guild_id, current, CHOICE_LIMIT)
        return [app_commands.Choice(name=choice_name(m.entry.question), value=f"{PICKED}{m.entry.faq_id}")
                for m in matches if m.entry.faq_id is not None]

    async def picked(self, guild_id: int | None, value: str) -> Entry | None:
        """The FAQ an autocomplete pick names; None for typed text. A pick this guild no
        longer sees (removed or edited between the pick and the send) raises FaqNotFound,
        whose message asks for a new pick: it is no question to answer or to log."""
        value = value.strip()
        if not value.startswith(PICKED):
            return None
        faq_id = picked_id(value.removeprefix(PICKED))
        if faq_id is None:
            return None
        return faq_entry(await self.bot.answers.faq(guild_id, faq_id))

    async def fresh(self, guild_id: int | None, entry: Entry) -> Entry:
        """The entry as stored now (a suggestion may have been edited or removed since)."""
        if entry.faq_id is None:
            return entry
        return faq_entry(await self.bot.answers.faq(guild_id, entry.faq_id))

    async def offer_suggestions(self, interaction: Interaction, question: str, answer: Answer, *,
                                ephemeral: bool) -> None:
        text = not_confident_text(question, answer.suggestions,
                                  in_server=interaction.guild_id is not None)
        if not answer.suggestions:
            await interaction.response.send_message(text, ephemeral=ephemeral,
                                                    allowed_mentions=NO_PINGS, suppress_embeds=True)
            return
        view = DidYouMeanView(answer.suggestions, owner_id=interaction.user.id,
                              on_pick=lambda i, entry: self.answer_in_place(i, entry, question))
        view.origin = interaction
        await interaction.response.send_message(text, view=view, ephemeral=ephemeral,
                                                allowed_mentions=NO_PINGS, suppress_embeds=True)

    async def answer_in_place(self, interaction: Interaction, entry: Entry, asked: str) -> None:
        """A "did you mean" button: the suggestion message becomes the answer, and the pick
        is noted beside the miss (`asked`) for the server's managers."""
        entry = await self.fresh(interaction.guild_id, entry)
        await self.bot.answers.record_pick(interaction.guild_id, asked, entry)
        # the suggestion message suppressed link previews, which would hide the answer's embed
        await interaction.response.edit_message(content=None, embed=entry_embed(entry), view=None,
                                                allowed_mentions=NO_PINGS, suppress_embeds=False)

    # --- mentions -----------------------------------------------------------------------
    @commands.Cog.listener("on_message")
    async def answer_mention(self, message: discord.Message) -> None:
        question = self.mention_question(message)
        if question is None:
            return
        if self.mention_cooldown.update_rate_limit(message):
            log.debug("mention from %s ignored: cooldown", message.author.id)
            return
        try:
            await self.reply_to_mention(message, question)
        except ConciergeError as error:
            await respond(message, error.message)
        except discord.HTTPException as error:  # e.g. no Send Messages in that channel
            log.warning("could not answer a mention in channel %s: %s", message.channel.id, error)

    def mention_question(self, message: discord.Message) -> str | None:
        """The question of a message that mentions the bot by name; None if it doesn't."""
        me = self.bot.user
        if me is None or message.author.bot:
            return None
        patterns = [rf"<@!?{me.id}>"]
        guild = message.guild
        if guild is not None and guild.self_role is not None:
            patterns.append(rf"<@&{guild.self_role.id}>")  # the bot's own role, picked by mistake
        pattern = re.compile("|".join(patterns))
        if not pattern.search(message.content):
            return None  # a reply to the bot pings it without asking anything
        return without_markup(message.content)[:QUESTION_MAX]  # the bot's mention too

    async def reply_to_mention(self, message: discord.Message, question: str) -> None:
        if not question:
            await respond(message, MENTION_HINT)
            return
        guild_id = message.guild.id if message.guild else None
        answer = await self.bot.answers.ask(guild_id, question, log_miss=True)
        if answer.best is not None:
            entry = answer.best.entry
            await self.bot.answers.record_use(guild_id, entry)
            not_it = self.not_it_view(message.author.id, guild_id, question, entry)
            if may_embed(message):
                not_it.message = await respond(message, embed=entry_embed(entry), view=not_it)
            else:
                not_it.message = await respond(message, entry_text(entry), view=not_it)
            return
        text = not_confident_text(question, answer.suggestions, in_server=guild_id is not None)
        if not answer.suggestions:
            await respond(message, text, suppress_embeds=True)
            return
        view = DidYouMeanView(answer.suggestions, owner_id=message.author.id,
                              on_pick=lambda i, entry: self.answer_in_place(i, entry, question))
        view.message = await respond(message, text, view=view, suppress_embeds=True)

    # --- Find answer ------------------------------------------------------------------
    @app_commands.checks.cooldown(FAQ_RATE, FAQ_PER, key=user_key)
    async def find_answer(self, interaction: Interaction, message: discord.Message) -> None:
        text = without_markup(message.content)[:QUESTION_MAX]
        if not text:
            await send_ephemeral(interaction, "That message has no text I can look up. "
                                              "Try /faq with the question instead.")
            return
        answer = await self.bot.answers.ask(interaction.guild_id, text, log_miss=True)
        if answer.best is not None:
            await self.post_answer(interaction, message, answer.best.entry, text)
            return
        # not confident: only the helper sees the suggestions; a pick is posted for everyone
        view = DidYouMeanView(answer.suggestions, owner_id=interaction.user.id,
                              on_pick=lambda i, entry: self.post_picked(i, view, message, entry, text))
        view.origin = interaction
        await interaction.response.send_message(
            not_confident_text(text, answer.suggestions, in_server=interaction.guild_id is not None),
            view=view if answer.suggestions else discord.utils.MISSING,
            ephemeral=True, allowed_mentions=NO_PINGS, suppress_embeds=True)

    async def post_answer(self, interaction: Interaction, target: discord.Message,
                          entry: Entry, asked: str) -> None:
        """Answer `target` (whose text is `asked`) for everyone: a real reply to it when the
        bot may post there, else a public message pointing at it (an interaction response
        needs no permission). Its author and the helper get "Not what I asked" under it."""
        not_it = self.not_it_view(target.author.id, interaction.guild_id, asked, entry,
                                  helper_id=interaction.user.id)
        if not may_reply(interaction):
            await interaction.response.send_message(**public_answer(target, entry), view=not_it)
            not_it.origin = interaction
            await self.bot.answers.record_use(interaction.guild_id, entry)
            return
        # Acknowledge first: a reply held up by a rate limit must not outlast the 3 s deadline.
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.bot.answers.record_use(interaction.guild_id, entry)
        reply = await self.reply_to(interaction, target, entry, view=not_it)
        if reply is not None:
            not_it.message = reply
            await interaction.followup.send(f"Answered with a reply: {reply.jump_url}",
                                            ephemeral=True, allowed_mentions=NO_PINGS)
            return
        await interaction.followup.send(REPLY_FAILED, ephemeral=True, allowed_mentions=NO_PINGS)
        not_it.message = await interaction.followup.send(**public_answer(target, entry),
                                                         view=not_it, wait=True)

    async def post_picked(self, interaction: Interaction, view: DidYouMeanView,
                          target: discord.Message, entry: Entry, asked: str) -> None:
        """A "did you mean" pick from Find answer: post it, then close the private suggestions.
        The pick is noted beside the miss (`asked`) for the server's managers."""
        if not may_reply(interaction):
            entry = await self.fresh(interaction.guild_id, entry)
            await interaction.response.send_message(**public_answer(target, entry))
            await self.bot.answers.record_pick(interaction.guild_id, asked, entry)
            if view.origin is not None:
                try:
                    await view.origin.edit_original_response(content="Posted the answer.", view=None)
                except discord.HTTPException:
                    log.debug("could not close the Find answer suggestions")
            return
        await interaction.response.defer()  # as in post_answer; the suggestions stay until done
        entry = await self.fresh(interaction.guild_id, entry)
        await self.bot.answers.record_pick(interaction.guild_id, asked, entry)
        reply = await self.reply_to(interaction, target, entry)
        if reply is not None:
            await interaction.edit_original_response(
                content=f"Answered with a reply: {reply.jump_url}", view=None, allowed_mentions=NO_PINGS)
            return
        await interaction.followup.send(**public_answer(target, entry))
        await interaction.edit_original_response(content=REPLY_FAILED_POSTED,
                                                 view=None, allowed_mentions=NO_PINGS)

    async def reply_to(self, interaction: Interaction, target: discord.Message, entry: Entry,
                       *, view: discord.ui.View = discord.utils.MISSING) -> discord.Message | None:
        """Reply to `target`; None when Discord refuses (the caller then posts it itself)."""
        footer = f"Found for this message by {interaction.user.display_name}"
        try:
            return await target.reply(embed=entry_embed(entry, footer=footer), mention_author=False,
                                      allowed_mentions=NO_PINGS, view=view)
        except discord.HTTPException as error:
            log.info("Find answer could not reply in channel %s (%s); answering instead",
                     target.channel.id, error.status)
            return None


def public_answer(target: discord.Message, entry: Entry) -> dict[str, Any]:
    """The message that answers `target` for everyone when no reply to it was posted."""
    return {"content": f"Answer for {target.jump_url}", "embed": entry_embed(entry),
            "allowed_mentions": NO_PINGS}


async def respond(message: discord.Message, content: str | None = None, **fields: Any,
                  ) -> discord.Message:
    """Answer a message: as a reply (no ping to its author), or, where the bot may not read
    the channel's history (a reply needs it), as a plain message in the channel."""
    if may_read_history(message):
        return await message.reply(content, mention_author=False, allowed_mentions=NO_PINGS,
                                   **fields)
    return await message.channel.send(content, allowed_mentions=NO_PINGS, **fields)


def may_read_history(message: discord.Message) -> bool:
    return bot_may(message, "read_message_history")


def may_embed(message: discord.Message) -> bool:
    return bot_may(message, "embed_links")


def bot_may(message: discord.Message, permission: str) -> bool:
    """Whether the bot has `permission` where `message` is (always in DMs)."""
    channel = message.channel
    if message.guild is None or isinstance(channel, discord.DMChannel | discord.PartialMessageable):
        return True
    return bool(getattr(channel.permissions_for(message.guild.me), permission))


def may_reply(interaction: Interaction) -> bool:
    """Whether the bot has Send Messages and Read Message History where it was asked."""
    allowed = interaction.app_permissions
    return bool(allowed.send_messages and allowed.read_message_history)


async def setup(bot: ConciergeBot) -> None:
    await bot.add_cog(FaqCommands(bot))

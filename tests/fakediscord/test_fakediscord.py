"""Self-test: a throwaway discord.py AutoShardedBot talks to the fake over loopback."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.fakediscord import (
    OPENAPI_AVAILABLE,
    FakeDiscord,
    FakeGuild,
    Perm,
    RecordedRequest,
    run_bot,
    validate_request,
)


class ConfirmView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.success, custom_id="demo:confirm")
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button[ConfirmView]) -> None:
        button.disabled = True
        await interaction.response.edit_message(content="confirmed", view=self)


class AskModal(discord.ui.Modal, title="Ask a question"):
    question: discord.ui.TextInput[AskModal] = discord.ui.TextInput(
        label="Question", custom_id="question", max_length=200
    )
    details: discord.ui.TextInput[AskModal] = discord.ui.TextInput(
        label="Details", custom_id="details", style=discord.TextStyle.paragraph, required=False
    )

    def __init__(self) -> None:
        super().__init__(custom_id="demo:ask")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"asked: {self.question.value}", ephemeral=True)


class DemoBot(commands.AutoShardedBot):
    def __init__(self) -> None:
        intents = discord.Intents.default()
        super().__init__(command_prefix=commands.when_mentioned, intents=intents, guild_ready_timeout=0)
        self.errors: list[BaseException] = []
        self.downloads: list[bytes] = []
        self.mentions: asyncio.Queue[discord.Message] = asyncio.Queue()

    async def setup_hook(self) -> None:
        tree = self.tree

        @tree.command(name="ping", description="Check the bot is alive")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong")

        @tree.command(name="secret", description="Something only you can see")
        async def secret(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("shh", ephemeral=True)

        @tree.command(name="confirm", description="A button")
        async def confirm(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("sure?", view=ConfirmView())

        @tree.command(name="ask", description="Opens a form")
        async def ask(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(AskModal())

        @tree.command(name="announce", description="Post an announcement")
        @app_commands.describe(channel="Where to post", text="What to say")
        async def announce(interaction: discord.Interaction, channel: discord.TextChannel, text: str) -> None:
            try:
                await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
            except discord.Forbidden as exc:
                self.errors.append(exc)
                await interaction.response.send_message("I can't post there", ephemeral=True)
            else:
                await interaction.response.send_message("posted", ephemeral=True)

        @tree.command(name="faq", description="Look something up")
        async def faq(interaction: discord.Interaction, question: str) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(embed=discord.Embed(title=question, description="42"))

        @faq.autocomplete("question")
        async def faq_complete(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            options = ["who plays eve", "who directed it", "when is it out"]
            return [app_commands.Choice(name=o, value=o) for o in options if o.startswith(current)]

        @tree.command(name="import", description="Import a file")
        async def import_(interaction: discord.Interaction, file: discord.Attachment) -> None:
            self.downloads.append(await file.read())
            await interaction.response.send_message(
                f"read {file.filename}",
                file=discord.File(io.BytesIO(b"class DemoBot: ..."), "echo.py"),
                ephemeral=True,
            )

        @tree.context_menu(name="Find answer")
        async def find_answer(interaction: discord.Interaction, message: discord.Message) -> None:
            await interaction.response.send_message(f"answer for: {message.content}")

        await tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.id != self.user.id and self.user in message.mentions:  # type: ignore[union-attr]
            await self.mentions.put(message)
            await message.reply("you called?", mention_author=False)


@pytest_asyncio.fixture
async def env() -> AsyncIterator[tuple[FakeDiscord, DemoBot, FakeGuild]]:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="Fans", channels=["general", "announcements"])
        bot = DemoBot()
        async with run_bot(fake, bot):
            yield fake, bot, guild


@pytest.mark.asyncio
async def test_connects_and_syncs_commands(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, bot, guild = env
    assert bot.user is not None and bot.user.id == fake.bot_user_id
    assert bot.get_guild(guild.id) is not None
    assert bot.get_guild(guild.id).get_channel(guild.default_channel_id) is not None  # type: ignore[union-attr]
    identify = next(p for p in fake.gateway.received if p["op"] == 2)
    assert identify["d"]["shard"] == [0, 1]
    puts = [r for r in fake.requests if r.method == "PUT" and r.route.endswith("/commands")]
    assert len(puts) == 1 and puts[0].status == 200
    names = {c["name"] for c in fake.registered_commands()}
    assert {"ping", "ask", "confirm", "Find answer"} <= names
    assert all(
        c["id"] and c["application_id"] == str(fake.application_id) for c in fake.registered_commands()
    )
    fake.assert_all_valid()


@pytest.mark.asyncio
async def test_slash_command_reply(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, _, _ = env
    ix = await fake.send_slash_command("ping")
    assert ix.data["id"] == fake.find_command("ping")["id"]  # type: ignore[index]
    body = await fake.wait_for_callback(ix)
    assert body == {"type": 4, "data": {"content": "pong", "tts": False}}
    assert fake.original_message(ix)["content"] == "pong"  # type: ignore[index]


@pytest.mark.asyncio
async def test_dm_slash_command_and_zlib_gateway(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, _, _ = env
    assert fake.gateway.connect_queries[0]["compress"] == "zlib-stream"  # discord.py's default
    assert all(s.encoder and s.encoder.mode == "zlib-stream" for s in fake.gateway.sessions.values())
    ix = await fake.send_slash_command("ping", dm=True)
    assert "guild_id" not in ix.payload and ix.payload["user"]["id"] == str(fake.default_user_id)
    assert (await fake.wait_for_callback(ix))["data"]["content"] == "pong"


@pytest.mark.asyncio
async def test_invalid_body_from_bot_is_recorded(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, bot, guild = env
    channel = bot.get_channel(guild.default_channel_id)
    assert isinstance(channel, discord.TextChannel)
    await channel.send("x" * 2001)  # discord.py does not check; Discord answers 50035
    if OPENAPI_AVAILABLE:
        assert "content" in fake.validation_failures[0]
        with pytest.raises(AssertionError, match="bad request"):
            fake.assert_all_valid()
    fake.validation_failures.clear()


@pytest.mark.asyncio
async def test_ephemeral_has_flag_64(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, _, _ = env
    ix = await fake.send_slash_command("secret")
    body = await fake.wait_for_callback(ix)
    assert body["data"]["flags"] & 64


@pytest.mark.asyncio
async def test_button_click_updates_message(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, _, _ = env
    ix = await fake.send_slash_command("confirm")
    await fake.wait_for_callback(ix)
    click = await fake.send_component("demo:confirm")
    body = await fake.wait_for_callback(click)
    assert body["type"] == 7 and body["data"]["content"] == "confirmed"
    message = fake.original_message(ix)
    assert message is not None and message["content"] == "confirmed"
    with pytest.raises(ValueError, match="disabled"):
        await fake.send_component("demo:confirm")


@pytest.mark.asyncio
async def test_modal_submit(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, _, _ = env
    ix = await fake.send_slash_command("ask")
    body = await fake.wait_for_callback(ix)
    assert body["type"] == 9 and body["data"]["custom_id"] == "demo:ask"
    with pytest.raises(ValueError, match="required"):
        await fake.send_modal_submit("demo:ask", {"details": "no question"})
    submit = await fake.send_modal_submit("demo:ask", {"question": "who plays eve"})
    reply = await fake.wait_for_callback(submit)
    assert reply["data"] == {**reply["data"], "content": "asked: who plays eve", "flags": 64}


@pytest.mark.asyncio
async def test_forbidden_channel_raises_in_bot(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, bot, guild = env
    target = guild.channel_by_name("announcements")
    fake.set_channel_error(int(target["id"]), 50013)
    ix = await fake.send_slash_command("announce", {"channel": int(target["id"]), "text": "hi @everyone"})
    body = await fake.wait_for_callback(ix)
    assert body["data"]["content"] == "I can't post there"
    assert len(bot.errors) == 1 and isinstance(bot.errors[0], discord.Forbidden)
    assert bot.errors[0].code == 50013
    assert fake.channel_posts(int(target["id"]))[0].status == 403

    fake.set_channel_error(int(target["id"]), None)
    ix = await fake.send_slash_command("announce", {"channel": int(target["id"]), "text": "hi @everyone"})
    await fake.wait_for_callback(ix)
    posted = fake.channel_messages(int(target["id"]))
    assert posted[-1]["content"] == "hi @everyone" and posted[-1]["mention_everyone"] is False


@pytest.mark.asyncio
async def test_permission_overwrite_denies_send(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, bot, guild = env
    locked = fake.add_channel(guild.id, "locked", overwrites=[{"id": guild.id, "deny": Perm.SEND_MESSAGES}])
    await fake.gateway.dispatch("CHANNEL_CREATE", locked, guild_id=guild.id)
    ix = await fake.send_slash_command("announce", {"channel": int(locked["id"]), "text": "x"})
    await fake.wait_for_callback(ix)
    assert isinstance(bot.errors[-1], discord.Forbidden)


@pytest.mark.asyncio
async def test_autocomplete_defer_and_followup(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, _, _ = env
    ac = await fake.send_autocomplete("faq", focused="question", value="who")
    body = await fake.wait_for_callback(ac)
    assert body["type"] == 8
    assert [c["value"] for c in body["data"]["choices"]] == ["who plays eve", "who directed it"]

    ix = await fake.send_slash_command("faq", {"question": "who plays eve"})
    assert (await fake.wait_for_callback(ix))["type"] == 5
    followup = await fake.wait_for_followup(ix)
    assert followup["embeds"][0]["title"] == "who plays eve"
    shown = await fake.wait_for_response_message(ix)
    assert shown["embeds"][0]["description"] == "42"


@pytest.mark.asyncio
async def test_attachment_option_and_file_upload(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, bot, _ = env
    attachment = fake.add_attachment(b'{"faqs": []}', "faqs.json")
    ix = await fake.send_slash_command("import", {"file": attachment})
    body = await fake.wait_for_callback(ix)
    assert bot.downloads == [b'{"faqs": []}']
    assert body["data"]["content"] == "read faqs.json"
    assert ix.callback is not None and ix.callback.files[0].filename == "echo.py"
    assert b"DemoBot" in ix.callback.files[0].data


@pytest.mark.asyncio
async def test_message_context_menu_and_mention(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, bot, guild = env
    target = fake.make_message(guild.default_channel_id, "who directed it?")
    ix = await fake.send_message_context_menu("Find answer", target_message=target)
    body = await fake.wait_for_callback(ix)
    assert body["data"]["content"] == "answer for: who directed it?"

    await fake.send_message_create(guild.default_channel_id, f"<@{fake.bot_user_id}> who plays eve?")
    got = await asyncio.wait_for(bot.mentions.get(), 5)
    assert got.content.endswith("who plays eve?")  # mentioned, so content survives without the intent
    posted = await fake.wait_for_channel_message(guild.default_channel_id)
    assert posted[0]["content"] == "you called?"
    assert int(posted[0]["message_reference"]["message_id"]) == got.id


@pytest.mark.asyncio
async def test_reconnect_resumes(env: tuple[FakeDiscord, DemoBot, FakeGuild]) -> None:
    fake, _, _ = env
    await fake.gateway.send_op(7)  # RECONNECT: discord.py closes and RESUMEs
    await fake.wait_until(lambda: any(p["op"] == 6 for p in fake.gateway.received), 5, "RESUME")
    await fake.wait_until(
        lambda: any(s.ws is not None for s in fake.gateway.sessions.values()), 5, "reconnect"
    )
    ix = await fake.send_slash_command("ping")
    assert (await fake.wait_for_callback(ix))["data"]["content"] == "pong"


@pytest.mark.asyncio
async def test_late_callback_is_unknown_interaction() -> None:
    async with FakeDiscord(interaction_timeout=0.0) as fake:
        fake.add_guild()
        bot = DemoBot()
        async with run_bot(fake, bot):
            ix = await fake.send_slash_command("ping")
            with pytest.raises(AssertionError, match="10062"):
                await fake.wait_for_callback(ix)


@pytest.mark.skipif(not OPENAPI_AVAILABLE, reason="shared/discord-openapi.json not present")
def test_validator_catches_bad_bodies() -> None:
    good = RecordedRequest(
        "POST", "/api/v10/channels/1/messages", json={"content": "hi", "embeds": [{"title": "t"}]}
    )
    validate_request(good)
    bad = RecordedRequest(
        "POST", "/api/v10/channels/1/messages", json={"content": "hi", "embeds": [{"color": "red"}]}
    )
    with pytest.raises(AssertionError, match=r"embeds\[0\]\.color"):
        validate_request(bad)
    too_long = RecordedRequest(
        "POST", "/api/v10/interactions/1/tok/callback", json={"type": 4, "data": {"content": "x" * 2001}}
    )
    with pytest.raises(AssertionError, match="content"):
        validate_request(too_long)
    bad_modal = RecordedRequest(
        "POST", "/api/v10/interactions/1/tok/callback", json={"type": 9, "data": {"title": "x"}}
    )
    with pytest.raises(AssertionError, match="custom_id"):
        validate_request(bad_modal)
    with pytest.raises(AssertionError, match="no such path"):
        validate_request(RecordedRequest("POST", "/api/v10/nope/1", json={}))


@pytest.mark.asyncio
async def test_unexpected_endpoint_is_reported() -> None:
    async with FakeDiscord() as fake:
        import aiohttp

        async with (
            aiohttp.ClientSession() as session,
            session.get(
                f"{fake.api_base}/guilds/1/bans", headers={"Authorization": f"Bot {fake.token}"}
            ) as r,
        ):
            assert r.status == 404
            assert r.headers["Content-Type"] == "application/json"
            assert (await r.json())["code"] == 0
        with pytest.raises(AssertionError, match="unexpected request"):
            fake.assert_all_valid()
        fake.unhandled.clear()


def test_validation_is_skipped_without_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fakediscord import openapi

    monkeypatch.setattr(openapi, "OPENAPI_AVAILABLE", False)
    validate_request(RecordedRequest("POST", "/api/v10/channels/1/messages", json={"content": 5}))

""""Not what I asked" under a /faq answer: the asker turns a wrong confident answer into
"did you mean", and the question reaches the managers' listing with that answer noted;
end to end through the fake Discord."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import bot.faq_ui
from bot.models import FaqDraft, NotedAnswer
from tests.cogs.conftest import Harness
from tests.cogs.faq_helpers import (
    EPHEMERAL,
    NO_PINGS,
    buttons,
    faq_id,
    member_asks_ix,
    mention,
    not_it,
    uses,
)

DIRECTED = "Who directed Ballerina?"
ASKED = "who directed ballerina"  # answered confidently with DIRECTED
KARAOKE = FaqDraft("When is karaoke night?", "Sundays at 20:00 UTC in the Lounge voice channel.")


async def ask(harness: Harness, question: str = ASKED, **options: Any) -> tuple[Any, dict[str, Any]]:
    return await member_asks_ix(harness, question, **options)


async def test_not_it_offers_the_other_answers_and_notes_the_miss(harness: Harness) -> None:
    _, answer = await ask(harness)
    assert answer["embeds"][0]["title"] == DIRECTED
    assert await uses(harness, DIRECTED) == 1
    button = not_it(answer)
    assert button["custom_id"].startswith("faq-notit:")

    other = await harness.fake.send_component(button["custom_id"], user_id=harness.admin_id)
    refusal = (await harness.fake.wait_for_callback(other))["data"]
    assert refusal["flags"] & EPHEMERAL and "someone else" in refusal["content"]
    assert await harness.misses() == []  # nothing noted

    click = await harness.fake.send_component(button["custom_id"], user_id=harness.member_id)
    update = await harness.fake.wait_for_callback(click)
    assert update["type"] == 7  # the answer becomes "did you mean", in place
    data = update["data"]
    assert data["content"].startswith(f"Sorry, that was not the answer to “{ASKED}”. Did you mean")
    assert "noted the question for the server's managers" in data["content"]
    assert data["embeds"] == [] and data["allowed_mentions"] == NO_PINGS
    offered = buttons(data)
    assert 1 <= len(offered) <= 3
    assert all(b["custom_id"].startswith("faq-dym:") for b in offered)
    assert DIRECTED not in {b["label"] for b in offered}  # nor its derived twin
    directed = await faq_id(harness, DIRECTED)
    [miss] = await harness.misses()
    assert miss.query_norm == ASKED and miss.count == 1
    assert miss.not_it == (NotedAnswer(f"faq:{directed}", DIRECTED, directed, 1),)
    assert await uses(harness, DIRECTED) == 0  # a wrong answer was no use of it
    popular = await harness.bot.answers.complete(harness.guild_id, "")
    assert all(m.entry.uses == 0 for m in popular if m.entry.question == DIRECTED)

    pick = next(b for b in offered if ":faq:" in b["custom_id"])  # a stored FAQ
    answered = await harness.fake.send_component(pick["custom_id"], user_id=harness.member_id)
    body = await harness.fake.wait_for_callback(answered)
    assert body["type"] == 7 and body["data"]["embeds"][0]["title"] == pick["label"]
    [miss] = await harness.misses()
    assert [p.question for p in miss.picks] == [pick["label"]]  # noted as after any miss

    listing = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                                    user_id=harness.admin_id)
    shown = (await harness.fake.wait_for_callback(listing))["data"]["embeds"][0]["description"]
    assert f"answered with “{DIRECTED}”, said to be wrong once" in shown
    assert f"members then picked “{pick['label']}” once" in shown
    # the answer said to be wrong is not offered as the FAQ to add the question to
    targets = await harness.bot.answers.wording_targets(harness.guild_id, miss)
    assert targets and directed not in {t.entry.faq_id for t in targets}
    assert targets[0].entry.question == pick["label"]


async def test_an_autocomplete_pick_has_no_not_it_button(harness: Harness) -> None:
    _, answer = await ask(harness, f"faq#{await faq_id(harness, DIRECTED)}")
    assert answer["embeds"][0]["title"] == DIRECTED
    assert buttons(answer) == []


async def test_a_private_answer_has_it_too(harness: Harness) -> None:
    _, answer = await ask(harness, private=True)
    assert answer["flags"] & EPHEMERAL
    click = await harness.fake.send_component(not_it(answer)["custom_id"], user_id=harness.member_id)
    assert (await harness.fake.wait_for_callback(click))["data"]["content"].startswith("Sorry")
    assert len(await harness.misses()) == 1


async def test_nothing_else_to_suggest_says_what_to_do(harness: Harness) -> None:
    await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    _, answer = await ask(harness, "when is karaoke night")
    assert answer["embeds"][0]["title"] == KARAOKE.question
    click = await harness.fake.send_component(not_it(answer)["custom_id"], user_id=harness.member_id)
    data = (await harness.fake.wait_for_callback(click))["data"]
    assert "nothing else to suggest" in data["content"] and "/faq-admin add" in data["content"]
    assert data["components"] == [] and data["embeds"] == []
    [miss] = await harness.misses()
    assert [n.question for n in miss.not_it] == [KARAOKE.question]


async def test_in_a_dm_nothing_is_noted(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command("faq", {"question": ASKED}, dm=True)
    answer = (await harness.fake.wait_for_callback(ix))["data"]
    click = await harness.fake.send_component(not_it(answer)["custom_id"])
    data = (await harness.fake.wait_for_callback(click))["data"]
    assert data["content"].startswith("Sorry") and "noted" not in data["content"]
    assert await harness.bot.store.db.fetchall("SELECT * FROM unanswered") == []


async def test_the_button_goes_when_it_expires(harness: Harness,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.faq_ui, "NOT_IT_TIMEOUT", 0.2)
    ix, answer = await ask(harness)
    button = not_it(answer)
    edit = await harness.fake.wait_for_original_edit(ix)
    assert edit["components"] == []
    with pytest.raises(LookupError):  # no longer there to click
        await harness.fake.send_component(button["custom_id"], message=ix.original)


async def test_a_button_from_before_a_restart_asks_to_ask_again(harness: Harness) -> None:
    _, answer = await ask(harness)
    await harness.restart()
    click = await harness.fake.send_component(not_it(answer)["custom_id"], user_id=harness.member_id)
    data = (await harness.fake.wait_for_callback(click))["data"]
    assert data["flags"] & EPHEMERAL and "before I restarted" in data["content"]
    assert await harness.misses() == []


async def test_a_removed_faq_said_not_it_still_logs_the_miss(harness: Harness) -> None:
    await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    _, answer = await ask(harness, "when is karaoke night")
    await harness.bot.answers.remove_faq(harness.guild_id, await faq_id(harness, KARAOKE.question))
    click = await harness.fake.send_component(not_it(answer)["custom_id"], user_id=harness.member_id)
    assert (await harness.fake.wait_for_callback(click))["data"]["content"].startswith("Sorry")
    [miss] = await harness.misses()
    assert miss.not_it == ()  # the FAQ is gone: nothing to note beside the miss


async def test_a_derived_answer_said_not_it_is_noted_by_its_question(harness: Harness) -> None:
    _, answer = await ask(harness, "when does ballerina come out")
    title = answer["embeds"][0]["title"]
    click = await harness.fake.send_component(not_it(answer)["custom_id"], user_id=harness.member_id)
    assert title not in {b["label"] for b in buttons((await harness.fake.wait_for_callback(click))["data"])}
    [miss] = await harness.misses()
    [noted] = miss.not_it
    assert noted.ref.startswith("derived:") and noted.question == title and noted.faq_id is None
    listing = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                                    user_id=harness.admin_id)
    shown = (await harness.fake.wait_for_callback(listing))["data"]["embeds"][0]["description"]
    assert f"answered with “{title}”, said to be wrong once" in shown


async def test_a_shipped_faq_replaced_before_the_press_is_not_offered_back(harness: Harness) -> None:
    _, answer = await ask(harness)
    shipped = await faq_id(harness, DIRECTED)
    current = await harness.bot.answers.faq(harness.guild_id, shipped)
    own = await harness.bot.answers.edit_faq(harness.guild_id, shipped, FaqDraft(
        "Who directed the Ballerina film?", current.answer, current.aliases))
    click = await harness.fake.send_component(not_it(answer)["custom_id"], user_id=harness.member_id)
    offered = {b["label"] for b in buttons((await harness.fake.wait_for_callback(click))["data"])}
    assert own.question not in offered and DIRECTED not in offered
    [miss] = await harness.misses()
    assert [n.faq_id for n in miss.not_it] == [own.id]  # stands for the server's version
    targets = await harness.bot.answers.wording_targets(harness.guild_id, miss)
    assert own.id not in {t.entry.faq_id for t in targets}


async def test_a_second_press_before_the_first_is_answered_does_nothing(harness: Harness) -> None:
    _, answer = await ask(harness)
    button = not_it(answer)["custom_id"]
    first = await harness.fake.send_component(button, user_id=harness.member_id)
    second = await harness.fake.send_component(button, user_id=harness.member_id)
    bodies = [await harness.fake.wait_for_callback(ix) for ix in (first, second)]
    assert sorted(b["type"] for b in bodies) == [6, 7]  # one update, one acknowledged quietly
    [miss] = await harness.misses()
    assert miss.count == 1


async def test_a_press_that_fails_leaves_the_button_usable(harness: Harness,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _, answer = await ask(harness)
    real = harness.bot.answers.not_it
    calls = 0

    async def failing_once(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("database is locked")
        return await real(*args)

    monkeypatch.setattr(harness.bot.answers, "not_it", failing_once)
    button = not_it(answer)["custom_id"]
    failed = await harness.fake.send_component(button, user_id=harness.member_id)
    data = (await harness.fake.wait_for_callback(failed))["data"]
    assert data["flags"] & EPHEMERAL and "Traceback" not in data["content"]
    again = await harness.fake.send_component(button, user_id=harness.member_id)
    assert (await harness.fake.wait_for_callback(again))["data"]["content"].startswith("Sorry")


async def test_a_mentions_answer_has_it_and_loses_it_when_it_expires(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    await mention(harness, f"{ASKED}?")
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert reply["embeds"][0]["title"] == DIRECTED
    click = await harness.fake.send_component(not_it(reply)["custom_id"], user_id=harness.member_id)
    update = await harness.fake.wait_for_callback(click)
    assert update["type"] == 7 and update["data"]["content"].startswith("Sorry")
    assert len(await harness.misses()) == 1

    monkeypatch.setattr(bot.faq_ui, "NOT_IT_TIMEOUT", 0.2)
    await mention(harness, ASKED)
    await harness.fake.wait_until(lambda: len(harness.fake.channel_posts(harness.channel_id)) == 2)
    second = harness.fake.channel_posts(harness.channel_id)[1]
    assert buttons(second.json)
    edits = await harness.fake.wait_until(lambda: [
        r for r in harness.fake.requests if r.method == "PATCH" and r.route.startswith(
            f"/channels/{harness.channel_id}/messages/")] or None)
    assert edits[0].json["components"] == []


async def test_a_press_retried_after_a_failed_redraw_notes_the_miss_once(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    await ask(harness)  # another answer of the same FAQ: its use must stay counted
    _, answer = await ask(harness)
    assert await uses(harness, DIRECTED) == 2
    cog_module = sys.modules["cogs.faq"]  # load_extension's module, not this file's import
    real = cog_module.not_confident_text
    calls = 0

    def failing_once(*args: Any, **kwargs: Any) -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("the redraw failed")
        return real(*args, **kwargs)

    monkeypatch.setattr(cog_module, "not_confident_text", failing_once)
    button = not_it(answer)["custom_id"]
    failed = await harness.fake.send_component(button, user_id=harness.member_id)
    assert (await harness.fake.wait_for_callback(failed))["data"]["flags"] & EPHEMERAL
    again = await harness.fake.send_component(button, user_id=harness.member_id)
    assert (await harness.fake.wait_for_callback(again))["data"]["content"].startswith("Sorry")
    [miss] = await harness.misses()
    assert miss.count == 1 and [n.count for n in miss.not_it] == [1]
    assert await uses(harness, DIRECTED) == 1  # one use taken back, not two

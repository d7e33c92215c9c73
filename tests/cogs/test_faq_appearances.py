"""/faq on whether someone is in a title ("is halle berry in ballerina"), end to end through
the fake Discord, over the shipped credits."""

from __future__ import annotations

from bot.models import FaqDraft
from tests.cogs.conftest import Harness
from tests.cogs.faq_helpers import EPHEMERAL, NO_PINGS


async def _ask(harness: Harness, question: str) -> dict[str, object]:
    ix = await harness.fake.send_slash_command("faq", {"question": question})
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == 4
    data = body["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    assert data["allowed_mentions"] == NO_PINGS
    embed: dict[str, object] = data["embeds"][0]
    return embed


async def test_someone_not_in_a_title_gets_no_and_where_they_are(harness: Harness) -> None:
    embed = await _ask(harness, "is halle berry in ballerina?")
    assert embed["title"] == "Is Halle Berry in Ballerina?"
    assert embed["description"] == (
        "No. **Halle Berry** isn't in the main cast of Ballerina.\n"
        "**Halle Berry** plays Sofia in John Wick: Chapter 3 – Parabellum.")
    assert await harness.misses() == []


async def test_someone_in_a_title_gets_yes_and_the_role(harness: Harness) -> None:
    embed = await _ask(harness, "is the bowery king in john wick 4")
    assert embed["title"] == "Is The Bowery King in John Wick: Chapter 4?"
    assert embed["description"] == (
        "Yes. **The Bowery King** is in John Wick: Chapter 4, played by Laurence Fishburne.")


async def test_a_faq_asking_the_same_answers_in_its_own_words(harness: Harness) -> None:
    shipped = await _ask(harness, "will fishburne show up in ballerina")
    assert shipped["title"] == "Is the Bowery King in Ballerina?"  # the shipped FAQ
    await harness.bot.answers.add_faq(harness.guild_id, FaqDraft(
        "Is Halle Berry in Ballerina?", "No, but our Parabellum watch party has her."))
    own = await _ask(harness, "is halle berry in ballerina")
    assert own["description"] == "No, but our Parabellum watch party has her."

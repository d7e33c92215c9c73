"""/cast through the fake Discord: by title, person and character, with autocomplete."""

from __future__ import annotations

from typing import Any

from tests.cogs.conftest import Harness

EPHEMERAL = 64
AUTOCOMPLETE_RESULT = 8


async def cast(harness: Harness, **options: str) -> dict[str, Any]:
    ix = await harness.fake.send_slash_command("cast", options)
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == 4
    assert body["data"]["allowed_mentions"] == {"parse": []}
    return dict(body["data"])


async def test_cast_of_a_title_by_nickname(harness: Harness) -> None:
    data = await cast(harness, title="jw4")
    embed = data["embeds"][0]
    assert embed["title"] == "John Wick: Chapter 4 (2023): cast"
    assert "**Keanu Reeves** as John Wick" in embed["description"]
    assert "**Donnie Yen** as Caine" in embed["description"]
    assert not data.get("flags", 0) & EPHEMERAL  # a public answer


async def test_cameos_and_young_variants_are_marked(harness: Harness) -> None:
    embed = (await cast(harness, title="ballerina"))["embeds"][0]
    assert "**Keanu Reeves** as John Wick (cameo)" in embed["description"]
    assert "Eve Macarro (young)" in embed["description"]
    assert "cameo" in embed["footer"]["text"]


async def test_a_person_and_a_character_across_the_franchise(harness: Harness) -> None:
    person = (await cast(harness, name="keanu"))["embeds"][0]
    assert person["title"] == "Keanu Reeves"
    assert "*Ballerina* (2025, cameo)" in person["description"]
    winston = (await cast(harness, name="winston"))["embeds"][0]
    assert winston["title"] == "Winston Scott"
    assert "Ian McShane in" in winston["description"]
    assert "Colin Woodell (young)" in winston["description"]
    armas = (await cast(harness, name="Ana de armas"))["embeds"][0]
    assert "Eve Macarro in *Ballerina*" in armas["description"]
    within = (await cast(harness, title="parabellum", name="the director"))["embeds"][0]
    assert within["title"] == "The Director in John Wick: Chapter 3 – Parabellum"
    elsewhere = await cast(harness, title="ballerina", name="halle berry")  # an answer: no
    assert not elsewhere.get("flags", 0) & EPHEMERAL
    assert elsewhere["embeds"][0]["description"].startswith(
        "Not in the main cast of Ballerina.\n**Halle Berry** plays:\n• Sofia in")


async def test_no_options_gives_the_list_and_unknown_names_a_private_hint(harness: Harness) -> None:
    overview = (await cast(harness))["embeds"][0]
    assert overview["title"] == "Cast lists" and "Ballerina" in overview["description"]
    ix = await harness.fake.send_slash_command("cast", {"name": "qqqzzzxx"})
    body = await harness.fake.wait_for_callback(ix)
    assert body["data"]["flags"] & EPHEMERAL and "Nobody called" in body["data"]["content"]
    ix = await harness.fake.send_slash_command("cast", {"title": "qqqzzzxx"})
    body = await harness.fake.wait_for_callback(ix)
    assert body["data"]["flags"] & EPHEMERAL and "/releases" in body["data"]["content"]


async def test_autocomplete_offers_titles_people_and_characters(harness: Harness) -> None:
    ix = await harness.fake.send_autocomplete("cast", "title", "jw4")
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == AUTOCOMPLETE_RESULT
    choices = body["data"]["choices"]
    assert choices[0] == {"name": "John Wick: Chapter 4 (2023)", "value": "john-wick-chapter-4"}
    picked = (await cast(harness, title=choices[0]["value"]))["embeds"][0]
    assert picked["title"].startswith("John Wick: Chapter 4")

    ix = await harness.fake.send_autocomplete("cast", "name", "wins")
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert choices[0] == {"name": "Winston Scott (character)", "value": "Winston Scott"}

    ix = await harness.fake.send_autocomplete("cast", "name", "", {"title": "ballerina"})
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    values = [choice["value"] for choice in choices]
    assert "Ana de Armas" in values and "Donnie Yen" not in values
    for text in ("", "a", "john", "x" * 90):
        ix = await harness.fake.send_autocomplete("cast", "name", text)
        choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
        assert len(choices) <= 25 and all(len(c["name"]) <= 100 for c in choices)

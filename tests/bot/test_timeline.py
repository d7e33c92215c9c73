"""Release titles as typed (`bot.timeline`); the listings and countdown wording are tested
with the catalogue search in test_catalog_search.py."""

from __future__ import annotations

import pytest

from bot.errors import InvalidRelease
from bot.timeline import clean_title


def test_a_release_title_needs_something_visible() -> None:
    for blank in ("", "   ", "\u200b", "\u200b \ufeff \u200b"):
        with pytest.raises(InvalidRelease, match="Give the release a title"):
            clean_title(blank)
    assert clean_title("\u200b \u200bWatch   party \u200b") == "Watch party"


def test_typed_text_repeated_in_errors_is_shown_as_typed() -> None:
    """A title, date or time someone typed comes back in the error without its Markdown
    working ("*x*" is not italics); a title of only zero-width characters is no title."""
    from datetime import UTC, datetime, timedelta

    from bot.errors import ReleaseNotFound, TitleNotFound
    from bot.models import GuildRelease
    from bot.timeline import dated_items, find_item, parse_release_time

    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    items = dated_items([], [GuildRelease(4, 1, "Watch party", now + timedelta(days=2), "UTC")])
    with pytest.raises(TitleNotFound) as caught:
        find_item(items, "*zzqq* __xx__", now)
    assert r'called "\*zzqq\* \_\_xx\_\_"' in caught.value.message
    assert r'called "\*x\*"' in ReleaseNotFound("*x*").message
    found = find_item(items, "\u200b", now)  # as if no title were given: the next release
    assert found is not None and found.name == "Watch party"
    with pytest.raises(InvalidRelease, match=r'"\\\*soon\\\*" isn\'t a date'):
        parse_release_time("*soon*", None, None, now)
    with pytest.raises(InvalidRelease, match=r'"\\_8pm\\_" isn\'t a time'):
        parse_release_time("2026-06-05", "_8pm_", None, now)

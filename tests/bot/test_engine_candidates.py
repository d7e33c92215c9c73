"""Which documents a question is scored against (`bot.engine_candidates`): the rarest words'
documents, about `cap` at most."""

from __future__ import annotations

from collections import defaultdict

from bot.engine_candidates import candidates


def _postings() -> defaultdict[str, set[int]]:
    postings: defaultdict[str, set[int]] = defaultdict(set)
    postings.update({
        "rare": {1, 2},
        "mid": set(range(10, 30)),
        "common": set(range(100, 1100)),
        "other": {1, *range(100, 110)},
        "wide": set(range(1000, 2200)),
    })
    return postings


def test_the_rarest_words_are_taken_whole_while_they_fit() -> None:
    postings = _postings()
    assert candidates(postings, [["mid"], ["rare"]], cap=400) == {1, 2, *range(10, 30)}
    # past the cap, only documents that also have the next rarest word are added, to fill it
    found = candidates(postings, [["rare"], ["wide"], ["common"], ["mid"]], cap=50)
    assert len(found) == 50 and {1, 2, *range(10, 30)} < found
    assert found - {1, 2, *range(10, 30)} < set(range(1000, 1100))  # common & wide


def test_words_too_common_for_the_cap_keep_the_documents_having_both() -> None:
    postings = _postings()
    found = candidates(postings, [["wide"], ["common"]], cap=50)
    assert len(found) == 50 and found < set(range(1000, 1100))  # in both, not any of common
    found = candidates(postings, [["common"]], cap=50)
    assert len(found) == 50 and found < postings["common"]  # alone: any 50 of them


def test_a_word_stands_for_all_its_terms_and_unknown_terms_find_nothing() -> None:
    postings = _postings()
    assert candidates(postings, [["rare", "mid"]], cap=400) == {1, 2, *range(10, 30)}
    assert candidates(postings, [["nowhere"]], cap=400) == set()
    assert "nowhere" not in postings  # looking never adds a term


def test_excluded_documents_are_dropped() -> None:
    postings = _postings()
    assert candidates(postings, [["mid"], ["rare"]], cap=400, exclude={1, 10}) == {
        2, *range(11, 30)}
    assert len(candidates(postings, [["common"]], cap=50, exclude=set(range(100, 120)))) == 50

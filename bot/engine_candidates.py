"""Which documents of the index a question is scored against (step 3 of `bot.engine`'s
matching story).

Used by `bot.engine_score.score_candidates` over `bot.engine_index.TermIndex.postings`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain, islice

PREFER_POOL = 4  # with `prefer`: the best `cap` of up to this many times `cap` documents


def candidates(postings: Mapping[str, set[int]], groups: Sequence[Sequence[str]], cap: int,
               exclude: set[int] | None = None,
               prefer: Callable[[int], float] | None = None) -> set[int]:
    """Documents worth scoring, about `cap` at most, never a scan of the whole index.

    Each group is the index terms one query word stands for. The rarest groups are
    taken whole while they fit under `cap`; past it, only documents sharing the two
    rarest remaining groups are added. When even the rarest group is too common,
    documents having the two rarest words are kept, then any `cap` of them; with `prefer`
    (autocomplete: a key, lowest first), the first `cap` by it among PREFER_POOL times as
    many. Set work is done by C code, and big unions are never built. `exclude`d documents
    are never returned.
    """
    found_groups = []
    for group in groups:
        posts = [postings[t] for t in group if t in postings]
        if posts:
            found_groups.append((sum(map(len, posts)), posts))
    if not found_groups:
        return set()
    found_groups.sort(key=lambda item: item[0])
    size, posts = found_groups[0]
    if size > cap:
        if len(found_groups) > 1:
            narrower = _intersect(posts, found_groups[1][1])
            if narrower:
                posts = [narrower]
        docs: Iterator[int] = chain.from_iterable(posts)
        if exclude:
            docs = (d for d in docs if d not in exclude)
        if prefer is None:
            found = set(islice(docs, cap))
        else:  # the `cap` best by `prefer` in a bounded pool, not the first `cap` met
            found = set(islice(docs, cap * PREFER_POOL))
            if len(found) > cap:
                found = set(heapq.nsmallest(cap, found, key=prefer))
    else:
        found = set().union(*posts)
        for i, (size, posts) in enumerate(found_groups[1:], 1):
            if len(found) + size <= cap:
                found.update(*posts)
                continue
            if i + 1 < len(found_groups):
                room = max(cap - len(found), cap // 4)
                found.update(islice(_intersect(posts, found_groups[i + 1][1]), room))
            break
    if exclude:
        found -= exclude
    return found


def _intersect(left: list[set[int]], right: list[set[int]]) -> set[int]:
    """(union of left) & (union of right), without building either union."""
    return set().union(*(a & b for a in left for b in right))

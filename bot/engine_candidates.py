"""Which documents of the index a question is scored against (step 3 of `bot.engine`'s
matching story).

Used by `bot.engine_score.score_candidates` over `bot.engine_index.TermIndex.postings`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain, islice


def candidates(postings: Mapping[str, set[int]], groups: Sequence[Sequence[str]], cap: int,
               exclude: set[int] | None = None) -> set[int]:
    """Documents worth scoring, about `cap` at most, never a scan of the whole index.

    Each group is the index terms one query word stands for. The rarest groups are
    taken whole while they fit under `cap`; past it, only documents sharing the two
    rarest remaining groups are added. When even the rarest group is too common,
    documents having the two rarest words are kept, then any `cap` of them. All set
    work is done by C code, and big unions are never built. `exclude`d documents are
    dropped (after the cap: they are few).
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
        docs = chain.from_iterable(posts)
        found = set(islice(docs if not exclude else (d for d in docs if d not in exclude),
                           cap))
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

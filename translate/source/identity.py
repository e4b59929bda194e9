"""Stable unit identities that survive revisions of the source.

A new unit's identity is a short hash of its first text. When the article is
revised, units are aligned with the previous template: an identical sentence
keeps its identity wherever it moved; an edited sentence keeps the identity of
the most similar sentence that left (rapidfuzz, like msgmerge's fuzzy search),
so its translation stays attached as fuzzy; anything else is new.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from translate.model import Unit
from translate.stamp import short_hash

#: Similarity (0-100) above which an edited sentence is "the same unit, revised".
SIMILARITY = 60.0
#: Past this many unmatched sentences on each side, compare neighbours only.
_FULL_COMPARISON_LIMIT = 3000


def new_id(text: str, taken: set[str]) -> str:
    base = short_hash(text)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def assign(units: Sequence[Unit], previous: Sequence[tuple[str, str]] = ()) -> list[Unit]:
    """Give every unit an identity; ``previous`` is the old template's (id, text) list."""
    ids: list[str | None] = [None] * len(units)
    free_by_text: dict[str, list[int]] = {}
    for position, (_, text) in enumerate(previous):
        free_by_text.setdefault(text, []).append(position)
    taken_positions: set[int] = set()

    for i, unit in enumerate(units):
        positions = free_by_text.get(unit.text)
        if positions:
            position = positions.pop(0)
            ids[i] = previous[position][0]
            taken_positions.add(position)

    new_side = [i for i, found in enumerate(ids) if found is None]
    old_side = [p for p in range(len(previous)) if p not in taken_positions]
    for i, position in _edited(units, previous, new_side, old_side):
        ids[i] = previous[position][0]

    taken = {found for found in ids if found is not None}
    # Removed units keep their identity reserved, so a sentence that returns later
    # does not steal it from an obsolete translation with different text.
    reserved = taken | {old_id for old_id, _ in previous}
    result = []
    for i, unit in enumerate(units):
        unit_id = ids[i]
        if unit_id is None:
            unit_id = new_id(unit.text, reserved)
            reserved.add(unit_id)
        result.append(dataclasses.replace(unit, id=unit_id))
    return result


def _edited(units, previous, new_side: list[int], old_side: list[int]) -> list[tuple[int, int]]:
    """Pair edited sentences with the sentences they replace, most similar first."""
    if not new_side or not old_side:
        return []
    if len(new_side) > _FULL_COMPARISON_LIMIT or len(old_side) > _FULL_COMPARISON_LIMIT:
        return _edited_nearby(units, previous, new_side, old_side)
    old_texts = {b: previous[p][1] for b, p in enumerate(old_side)}
    candidates = [
        (-score, abs(a - b), a, b)
        for a, i in enumerate(new_side)
        for _, score, b in process.extract(
            units[i].text, old_texts, scorer=fuzz.ratio, score_cutoff=SIMILARITY, limit=None
        )
    ]
    candidates.sort()
    pairs, done_new, done_old = [], set(), set()
    for _, _, a, b in candidates:
        if a in done_new or b in done_old:
            continue
        done_new.add(a)
        done_old.add(b)
        pairs.append((new_side[a], old_side[b]))
    return pairs


def _edited_nearby(units, previous, new_side, old_side) -> list[tuple[int, int]]:
    """For very large revisions: compare each sentence with the leftovers at the same rank."""
    pairs = []
    window = 50
    free = list(old_side)
    used: set[int] = set()
    for rank, i in enumerate(new_side):
        lo = max(0, rank - window)
        choices = [p for p in free[lo : rank + window] if p not in used]
        best = process.extractOne(
            units[i].text, {p: previous[p][1] for p in choices}, scorer=fuzz.ratio, score_cutoff=SIMILARITY
        )
        if best is not None:
            used.add(best[2])
            pairs.append((i, best[2]))
    return pairs

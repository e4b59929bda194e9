from __future__ import annotations

import dataclasses

from translate.model import BlockKind, Unit
from translate.source import identity


def units(*texts: str) -> list[Unit]:
    return [Unit(text=t, block=i, index=0, line=i + 1, kind=BlockKind.PARAGRAPH) for i, t in enumerate(texts)]


def ids(result: list[Unit]) -> dict[str, str]:
    return {u.text: u.id for u in result}


def test_new_identities_are_reproducible_and_unique():
    first = identity.assign(units("Yes.", "No.", "Yes."))
    again = identity.assign(units("Yes.", "No.", "Yes."))
    assert [u.id for u in first] == [u.id for u in again]
    assert len({u.id for u in first}) == 3
    assert first[2].id == first[0].id + "-2"


def test_moved_sentences_keep_their_identity():
    old = identity.assign(units("Alpha sentence here.", "Beta sentence here.", "Gamma sentence here."))
    previous = [(u.id, u.text) for u in old]
    moved = identity.assign(units("Gamma sentence here.", "Alpha sentence here.", "Beta sentence here."), previous)
    assert ids(moved) == ids(old)


def test_edited_sentence_keeps_identity_unrelated_one_does_not():
    old = identity.assign(units("Prices doubled in a month.", "The guards left."))
    previous = [(u.id, u.text) for u in old]
    new = identity.assign(units("Prices nearly doubled in a month.", "Smugglers crossed the Yalu at night."), previous)
    assert new[0].id == old[0].id
    assert new[1].id not in {u.id for u in old}


def test_most_similar_old_sentence_wins():
    old = identity.assign(units("Rice prices rose in Hyesan.", "Corn prices rose in Hyesan."))
    previous = [(u.id, u.text) for u in old]
    new = identity.assign(units("Corn prices rose sharply in Hyesan."), previous)
    assert new[0].id == old[1].id


def test_a_returning_sentence_does_not_take_an_identity_in_use():
    old = identity.assign(units("The guards left."))
    edited = identity.assign(units("The guards left at dawn."), [(u.id, u.text) for u in old])
    assert edited[0].id == old[0].id
    both = identity.assign(
        [*units("The guards left at dawn."), dataclasses.replace(units("The guards left.")[0], block=1)],
        [(u.id, u.text) for u in edited],
    )
    assert both[0].id == old[0].id and both[1].id != old[0].id

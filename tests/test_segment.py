from __future__ import annotations

from pathlib import Path

import pytest

from translate import evaluation, segment

GOLD = Path(__file__).parent / "segmentation"
CASES = [case for lang in ("en", "ko", "ja") for case in evaluation.read(GOLD / f"gold.{lang}.txt", lang)]


def test_gold_set_has_at_least_twenty_cases_per_language():
    for lang in ("en", "ko", "ja"):
        assert sum(c.lang == lang for c in CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[f"{c.lang}: {c.name}" for c in CASES])
def test_gold_sentence_boundaries(case):
    assert tuple(s for _, s in segment.split(case.text, case.lang)) == case.sentences


def test_offsets_point_into_the_text():
    text = "First one.  Second\none? Third!"
    for offset, sentence in segment.split(text, "en"):
        assert text[offset:].startswith(sentence.split("\n")[0])


def test_soft_line_breaks_are_joined_per_script():
    assert segment._unwrap("김여정\n부부장은", " ") == "김여정 부부장은"
    assert segment._unwrap("金与正\n副部長は", "") == "金与正副部長は"
    assert segment._unwrap("U.S.\nState 国務省", "") == "U.S. State 国務省"

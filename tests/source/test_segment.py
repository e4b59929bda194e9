from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import evaluation
from translate.source import segment

GOLD = Path(__file__).parents[1] / "segmentation"
#: gold.*: written with the rules; heldout.*: written by a helper who never saw them (now a regression suite too).
CASES = [
    case
    for name in ("gold", "heldout")
    for lang in ("en", "ko", "ja")
    for case in evaluation.read(GOLD / f"{name}.{lang}.txt", lang)
]


def test_gold_set_has_at_least_twenty_cases_per_language():
    for lang in ("en", "ko", "ja"):
        assert sum(c.lang == lang for c in CASES) >= 80


@pytest.mark.parametrize(
    "lang, text, sentences",
    [
        # A straight quote after a sentence end opens the next sentence; it closes only an open quotation.
        (
            "en",
            'Do not use "test" as a name. "test" is a builtin.',
            ['Do not use "test" as a name.', '"test" is a builtin.'],
        ),
        ("ja", '"$PATH" を使います。"$PATH" は検索パスです。', ['"$PATH" を使います。', '"$PATH" は検索パスです。']),
        ("ja", '"Hide mail?" に対して "No" を選びます。', ['"Hide mail?" に対して "No" を選びます。']),
        # Hangul glued to a closing quote is its particle, whatever the particle.
        ("ko", '그는 "쌀이 없다?!"라며 따졌다.', ['그는 "쌀이 없다?!"라며 따졌다.']),
        ("ko", '행사장에는 "자력갱생!"이라는 구호가 걸렸다.', ['행사장에는 "자력갱생!"이라는 구호가 걸렸다.']),
        # Dashes inside quotes are options, not dialogue turns.
        ("en", 'Run it with "--update" first.', ['Run it with "--update" first.']),
        # List numbers stay with their item; a sentence ending in a number is still a sentence.
        ("en", "1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        ("en", "I was 20. 21 people came.", ["I was 20.", "21 people came."]),
        (
            "ko",
            "포고문에는 1. 매대 등록, 2. 월 장세 납부가 담겼다.",
            ["포고문에는 1. 매대 등록, 2. 월 장세 납부가 담겼다."],
        ),
        ("ja", "内容は二つ。１．両替の禁止。", ["内容は二つ。", "１．両替の禁止。"]),
        ("ja", "成長率を３．１％と推定した。", ["成長率を３．１％と推定した。"]),
        # End marks stay together; an ellipsis ends a sentence only after a sentence ending.
        ("ja", "何が起きたのか！？誰も知らない。", ["何が起きたのか！？", "誰も知らない。"]),
        ("ko", "결과는... 실망스러웠다.", ["결과는... 실망스러웠다."]),
        ("ko", "기다렸어요… 기차는 오지 않았어요.", ["기다렸어요…", "기차는 오지 않았어요."]),
        ("en", "She waited for years… Then she stopped.", ["She waited for years…", "Then she stopped."]),
        # Abbreviations at a sentence end: the library's judgement stands.
        ("en", "I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        ("en", "We meet at 5 p.m. Bring your documents.", ["We meet at 5 p.m.", "Bring your documents."]),
        # No sentence ends inside brackets; a parenthetical sentence is not a byline.
        (
            "ja",
            "デバイス (「ファイルをマウント。」参照) としてマウント。",
            ["デバイス (「ファイルをマウント。」参照) としてマウント。"],
        ),
        (
            "ja",
            "Select the data. (Please include at least one UTF-8 locale)",
            ["Select the data. (Please include at least one UTF-8 locale)"],
        ),
    ],
)
def test_failure_classes_seen_on_real_text(lang, text, sentences):
    assert [s for _, s in segment.split(text, lang)] == sentences


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

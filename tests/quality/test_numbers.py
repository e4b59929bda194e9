"""Quantities read the way translators write them, so the QA numbers signal fires only on a changed quantity."""

from __future__ import annotations

import pytest

from translate.checks import numbers, signals

SAME_QUANTITY = [
    ("en", "ko", "Twenty traders were arrested in Hyesan.", "혜산에서 상인 20명이 체포됐다."),
    ("en", "ko", "Some four million people live in the province.", "도내에는 약 400만 명이 산다."),
    ("en", "ja", "Some four million people live in the province.", "道内には約400万人が住んでいる。"),
    ("en", "ko", "The plan cost $3.5bn.", "이 계획에는 35억 달러가 들었다."),
    ("en", "ja", "Rice sold for 25,000 won a sack.", "コメは1袋2万5000ウォンで売られた。"),
    ("ko", "en", "쌀 1kg이 1만2000원까지 올랐다.", "A kilogram of rice rose to 12,000 won."),
    ("ja", "en", "人口は1億2000万人を超えた。", "The population passed 120 million."),
    ("en", "ko", "The meeting opened on November 12.", "회의는 11월 12일 열렸다."),
    ("en", "ja", "The meeting opened in December.", "会議は12月に開かれた。"),
    ("en", "ko", "The launch came at 12.00 GMT.", "발사는 한국시간 오후 9시에 이뤄졌다."),
    ("en", "ja", "Trading stops at 10:30 a.m. on Mondays.", "取引は月曜の午前10時30分に止まる。"),
    ("ja", "en", "２０２０年１２月に国境が閉鎖された。", "The border closed in December 2020."),
    ("en", "ko", "It was the 21st such launch this year.", "올해 들어 21번째 발사였다."),
    ("en", "ko", "Half a million soldiers took part.", "병력 50만 명이 참가했다."),
    ("en", "ja", "A dozen defectors were interviewed.", "脱北者12人に話を聞いた。"),
    ("ko", "ja", "2만5000명이 광장에 모였다.", "2万5千人が広場に集まった。"),
]

CHANGED_QUANTITY = [
    ("en", "ko", "Some four million people live in the province.", "도내에는 약 40만 명이 산다."),
    ("en", "ja", "Rice sold for 25,000 won a sack.", "コメは1袋2万ウォンで売られた。"),
    ("ko", "en", "쌀 1kg이 1만2000원까지 올랐다.", "A kilogram of rice rose to 1,200 won."),
    ("en", "ko", "The meeting opened on November 12.", "회의는 11월 21일 열렸다."),
    ("ja", "en", "２０２０年１２月に国境が閉鎖された。", "The border closed in December 2021."),
    ("en", "ko", "Twenty traders were arrested in Hyesan.", "혜산에서 상인들이 체포됐다."),
]


@pytest.mark.parametrize(("src", "tgt", "source", "target"), SAME_QUANTITY)
def test_the_same_quantity_written_another_way_raises_no_alarm(src, tgt, source, target) -> None:
    assert "numbers" not in signals.signals(source, target, src, tgt)


@pytest.mark.parametrize(("src", "tgt", "source", "target"), CHANGED_QUANTITY)
def test_a_changed_quantity_fires(src, tgt, source, target) -> None:
    assert "numbers" in signals.signals(source, target, src, tgt)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1억 2천만", [120_000_000]),
        ("3万5千人", [35_000]),
        ("5.2万", [52_000]),
        ("two and a half million", [2_500_000]),
        ("one hundred and twenty", [120]),
        ("one million two hundred thousand", [1_200_000]),
        ("hundreds of people, dozens of them", []),
        ("price: $12.50 a kg", [12.5]),
        ("10시간 동안", [10]),
        ("the 1990s", [1990]),
        ("오후 3시 30분, 15:00, 3 p.m.", []),
    ],
)
def test_values(text: str, expected: list[float]) -> None:
    assert numbers.values(text) == expected


@pytest.mark.parametrize("direction", ["en-ko", "en-ja", "ko-en", "ja-en"])
def test_the_independent_set_stays_quiet_on_human_translations_and_catches_changed_numbers(direction: str) -> None:
    """tests/qa_eval was written by someone who never saw the rule (see its README)."""
    import csv
    from pathlib import Path

    src, tgt = direction.split("-")
    path = Path(__file__).parents[1] / "qa_eval" / f"{direction}.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    fired = {True: [], False: []}
    for row in rows:
        fired[row["label"] == "ok"].append("numbers" in signals.signals(row["source"], row["translation"], src, tgt))
    assert sum(fired[True]) / len(fired[True]) <= 0.03  # false alarms on professional translations
    assert sum(fired[False]) / len(fired[False]) >= 0.75  # changed quantities caught

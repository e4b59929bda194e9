"""Length-based sentence alignment (Gale-Church) inside blocks with different sentence counts."""

from __future__ import annotations

from translate.quality.align import align


def lengths(sentences: list[str]) -> list[int]:
    return [len(s) for s in sentences]


def test_equal_runs_pair_one_to_one():
    ours = ["She crossed the Tumen in March.", "Her brother stayed behind in Musan for two more years."]
    assert align(lengths(ours), lengths(ours)) == [([0], [0]), ([1], [1])]


def test_a_sentence_split_in_two_is_aligned_with_both_halves():
    ours = ["혜산 장마당에서 쌀값이 두 배가 되자 상인들은 중국 돈으로만 거래하기 시작했다.", "단속은 잦아졌다."]
    theirs = [
        "혜산 장마당에서 쌀값이 두 배가 됐다.",
        "그러자 상인들은 중국 돈으로만 거래하기 시작했다.",
        "단속은 잦아졌다.",
    ]
    assert align(lengths(ours), lengths(theirs)) == [([0], [0, 1]), ([1], [2])]


def test_two_sentences_joined_in_the_reference():
    ours = ["国境警備隊は毎晩検問を行った。", "彼女は三度止められた。", "それでも商売はやめなかった。"]
    theirs = ["国境警備隊は毎晩検問を行い、彼女は三度止められた。", "それでも商売はやめなかった。"]
    assert align(lengths(ours), lengths(theirs)) == [([0, 1], [0]), ([2], [1])]


MARKET = [
    "Choi says the market in Hyesan opens at dawn and closes when the guards make their last round.",
    "Most of the stalls belong to women whose husbands are still registered at state factories.",
    "Prices are set by the traders who have relatives in China, and everyone else follows them.",
]


def test_a_sentence_missing_from_the_reference_gets_no_partner():
    assert align(lengths(MARKET), lengths([MARKET[0], MARKET[2]])) == [([0], [0]), ([1], []), ([2], [1])]


def test_a_short_extra_sentence_rides_with_its_neighbour():
    ours = [MARKET[0], "Ok.", MARKET[2]]
    assert align(lengths(ours), lengths([MARKET[0], MARKET[2]])) == [([0, 1], [0]), ([2], [1])]


def test_empty_sides():
    assert align([], []) == []
    assert align([10], []) == [([0], [])]

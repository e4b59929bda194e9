"""Glossary loading, validation, generated variants and script-aware matching."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.support import evaluation
from translate import glossary
from translate.glossary import variants
from translate.glossary.matcher import Matcher


@pytest.fixture(scope="module")
def house() -> Matcher:
    return Matcher(glossary.load(ROOT / "glossary"))


def flagged(matcher: Matcher, text: str, lang: str) -> list[tuple[str, str]]:
    return [(h.found, h.term.id) for h in matcher.find(text, lang) if not h.accepted]


def accepted(matcher: Matcher, text: str, lang: str) -> list[tuple[str, str]]:
    return [(h.found, h.term.id) for h in matcher.find(text, lang) if h.accepted]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Kim Yo Jong issued a statement.", "Kim Yo Jong"),
        ("Kim Yo-jong issued a statement.", "Kim Yo-jong"),
        ("Gim Yeo-jeong issued a statement.", "Gim Yeo-jeong"),
        ("Kim Yŏ-jŏng issued a statement.", "Kim Yŏ-jŏng"),
        ("Kim Jong Un and Kim Jong-Un", "Kim Jong Un"),
        ("Trade in Yanggang Province fell.", "Yanggang Province"),
        ("Trade in Ryanggang-do fell.", "Ryanggang-do"),
        ("The Gaeseong complex", "Gaeseong"),
        ("He crossed at Hoeryeong.", "Hoeryeong"),
    ],
)
def test_english_variants_generated_from_hangul(house, text, found):
    assert flagged(house, text, "en")[0][0] == found


def test_generated_variant_never_equals_another_house_form(house):
    assert flagged(house, "Kim Jong-il and Kim Il-sung met Kim Dae-jung.", "en") == []
    assert {t for _, t in accepted(house, "Kim Jong-il and Kim Jong-un", "en")} == {"kim-jong-il", "kim-jong-un"}
    assert "Kim Jong-il" not in variants.person("김정은")


def test_capitalization_dashes_apostrophes_and_invisible_characters(house):
    assert flagged(house, "KIM YO-JUNG spoke.", "en") == [("KIM YO-JUNG", "kim-yo-jung")]
    assert flagged(house, "Ryanggang province", "en") == [("Ryanggang province", "ryanggang")]
    # a non-breaking hyphen, a curly apostrophe and a zero-width space are not spelling mistakes
    assert accepted(house, "Kim Yo\u2011jung and the Workers\u2019 Party of Korea", "en") == [
        ("Kim Yo\u2011jung", "kim-yo-jung"),
        ("Workers\u2019 Party of Korea", "workers-party"),
    ]
    assert accepted(house, "Kim Yo-\u200bjung", "en") == [("Kim Yo-\u200bjung", "kim-yo-jung")]


def test_latin_word_boundaries_and_possessives(house):
    assert house.find("Kimchi prices in Seoulite shops", "en") == []
    assert accepted(house, "Kim Yo-jung's statement", "en") == [("Kim Yo-jung", "kim-yo-jung")]
    assert accepted(house, "North Korea's border", "en") == [("North Korea", "north-korea")]
    assert house.find("North Korean border", "en") == []


def test_a_place_suffix_needs_a_stem_of_two_syllables(house):
    """원산 is Wonsan, not Mount "Won": the currency is no variant of it."""
    assert house.find("A kilo of rice cost 3,500 won.", "en") == []
    assert accepted(house, "Mount Paektu and Paektusan", "en") != []


def test_korean_particles_and_longer_words(house):
    assert accepted(house, "김여정은 담화에서 김여정의 입장을 밝혔다", "ko") == [
        ("김여정", "kim-yo-jung"),
        ("김여정", "kim-yo-jung"),
    ]
    assert house.find("개성공단", "ko")[0].term.id == "kaesong-industrial-complex"
    assert house.find("그의 개성적인 문체", "ko") == []
    assert house.find("한국어 교재", "ko") == []


def test_korean_initial_sound_rule_both_ways(house):
    assert flagged(house, "양강도에서", "ko") == [("양강도", "ryanggang")]
    assert flagged(house, "이설주 여사", "ko") == [("이설주", "ri-sol-ju")]
    assert flagged(house, "조선로동당은", "ko") == [("조선로동당", "workers-party")]
    assert flagged(house, "로동신문", "ko") == [("로동신문", "rodong-sinmun")]
    assert flagged(house, "나선 경제특구", "ko") == [("나선", "rason")]


def test_nfd_hangul_is_matched(house):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "양강도에서")
    assert flagged(house, decomposed, "ko") == [(unicodedata.normalize("NFD", "양강도"), "ryanggang")]


def test_japanese_old_kanji_width_and_longest_match(house):
    assert flagged(house, "金與正氏が", "ja") == [("金與正", "kim-yo-jung")]
    assert flagged(house, "兩江道の惠山", "ja") == [("兩江道", "ryanggang"), ("惠山", "hyesan")]
    assert flagged(house, "平壤", "ja") == [("平壤", "pyongyang")]
    hits = house.find("北朝鮮労働党の幹部", "ja")
    assert [(h.found, h.term.id) for h in hits] == [("北朝鮮労働党", "workers-party")]
    assert accepted(house, "ＫＣＮＡ", "en") == [("ＫＣＮＡ", "kcna")]


def test_japanese_reading_only_as_a_gloss(house):
    assert flagged(house, "金与正（キム・ヨジョン）氏", "ja") == []
    assert flagged(house, "金与正(キム・ヨジョン)氏", "ja") == []
    assert flagged(house, "キム・ヨジョン氏が", "ja") == [("キム・ヨジョン", "kim-yo-jung")]
    assert flagged(house, "キムヨジョン氏が", "ja") == [("キムヨジョン", "kim-yo-jung")]


def test_names_broken_by_a_line_break(house):
    assert accepted(house, "met Kim\nYo-jung", "en") == [("Kim\nYo-jung", "kim-yo-jung")]
    assert accepted(house, "両江\n道の", "ja") == [("両江\n道", "ryanggang")]


def test_precision_and_recall_on_the_labelled_sentences():
    from tests.support import evaluation
    from translate import glossary

    cases = evaluation.labelled_set(ROOT / "tests" / "glossary_eval")
    assert len(cases) >= 100
    terms = glossary.load(ROOT / "glossary")

    def run(**mode) -> evaluation.Score:
        return evaluation.score(evaluation.variant_findings(Matcher(terms, **mode)), cases)

    full, listed, generated = run(), run(generated=False), run(listed=False)
    assert full.precision >= 0.95 and full.recall >= 0.9
    assert generated.recall > 2 * listed.recall  # generation finds what nobody listed


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
@settings(max_examples=300, derandomize=True)
def test_normalize_takes_a_short_cut_for_ascii_that_changes_nothing(text):
    from translate.glossary.matcher import normalize, normalize_with_map

    assert normalize(text) == normalize_with_map(text)[0].strip()

"""Glossary terms and links through MT: placeholders in, house forms out, losses reported."""

from __future__ import annotations

import re
import unicodedata

import pytest

from tests.conftest import ROOT
from translate import glossary
from translate.checks import placeholders
from translate.glossary.matcher import Matcher
from translate.model import Finding
from translate.mt import protect


def shown(text: str) -> str:
    """Write placeholders as ⦃n⦄ in tests; they are private-use characters in the text."""
    return re.sub(r"⦃(\d+)⦄", lambda m: protect.placeholder(int(m[1]), ""), text)


def messages(found: list[Finding], rule: str = "mt.lost-placeholder") -> list[str]:
    """What the findings say, once they are all of the one rule given."""
    assert [f.rule for f in found] == [rule] * len(found)
    return [f.message for f in found]


@pytest.fixture(scope="module")
def house() -> Matcher:
    return Matcher(glossary.load(ROOT / "glossary"))


def test_terms_in_any_form_and_links_become_placeholders(house):
    shielded = protect.protect(
        "Kim Yo Jong visited [Hyesan market][1] in Ryanggang Province, see {2}.", "en", "ko", house
    )
    assert shielded.text == shown("⦃1⦄ visited [⦃2⦄ market]⦃3⦄ in ⦃4⦄, see ⦃5⦄.")
    assert [(s.target, s.what) for s in shielded.slots] == [
        ("김여정", "kim-yo-jung"),
        ("혜산", "hyesan"),
        ("[1]", "link"),
        ("량강도", "ryanggang"),
        ("{2}", "link"),
    ]


def test_restore_puts_house_forms_back(house):
    shielded = protect.protect("Kim Yo-jung met traders in Ryanggang Province.", "en", "ko", house)
    text, problems = protect.restore(shown("⦃1⦄이 ⦃2⦄의 상인들을 만났다."), shielded.slots)
    assert (text, problems) == ("김여정이 량강도의 상인들을 만났다.", [])


def test_a_placeholder_is_one_character_no_model_knows(house):
    """One private-use character: one unknown SentencePiece piece, copied whole by replace_unknowns."""
    shielded = protect.protect("Kim Yo-jung met traders.", "en", "ko", house)
    token = shielded.slots[0].token
    assert len(token) == 1 and unicodedata.category(token) == "Co"
    # text that only looks like a placeholder is text: nothing is "repaired" into it
    text, problems = protect.restore("{ 1 }이 상인들을 만났다.", shielded.slots)
    assert text == "{ 1 }이 상인들을 만났다." and messages(problems) == ["lost kim-yo-jung '김여정' (placeholder 1)"]
    assert (problems[0].term, problems[0].expected, problems[0].line) == ("kim-yo-jung", "김여정", 0)


def test_lost_placeholders_are_reported_never_silently_dropped(house):
    shielded = protect.protect("Kim Yo-jung met traders in Ryanggang Province.", "en", "ko", house)
    text, problems = protect.restore(shown("⦃1⦄이 상인들을 만났다. ⦃7⦄"), shielded.slots)
    assert text.startswith("김여정이")
    assert [f.message for f in problems] == [
        "lost ryanggang '량강도' (placeholder 2)",
        "unknown placeholder(s) in the output, removed: 7",
    ]
    assert [f.rule for f in problems] == ["mt.lost-placeholder", "mt.unknown-placeholder"]
    found = placeholders.verify(house, "Kim Yo-jung met traders in Ryanggang Province.", "en", text, "ko")
    assert messages(found, "glossary.missing-term") == [
        "source mentions 'Ryanggang Province' (ryanggang); the translation should write '량강도'"
    ]


def test_ko_to_ja_uses_the_japanese_house_form(house):
    shielded = protect.protect("양강도에서 김여정이 말했다.", "ko", "ja", house)
    assert [s.target for s in shielded.slots] == ["両江道", "金与正"]


def test_inline_code_is_kept_as_it_is(house):
    shielded = protect.protect("Run `translate check` in Kaesong.", "en", "ja", house)
    assert shielded.text == shown("Run ⦃1⦄ in ⦃2⦄.")
    assert protect.restore(shown("⦃2⦄で⦃1⦄を実行する。"), shielded.slots) == ("開城で`translate check`を実行する。", [])


def test_numbers_come_through_digit_for_digit(house):
    shielded = protect.protect("On 2026-03-01 rice cost 3,500 won, up 12.5% in 2 weeks (see {1}).", "en", "ko", house)
    assert shielded.text == shown("On ⦃1⦄ rice cost ⦃2⦄ won, up ⦃3⦄% in ⦃4⦄ weeks (see ⦃5⦄).")
    assert [s.what for s in shielded.slots] == ["number"] * 4 + ["link"]
    text, problems = protect.restore(shown("⦃1⦄ 쌀값은 ⦃2⦄원으로 ⦃4⦄주 만에 ⦃3⦄% 올랐다(⦃5⦄ 참조)."), shielded.slots)
    assert text == "2026-03-01 쌀값은 3,500원으로 2주 만에 12.5% 올랐다({1} 참조)."
    assert problems == []
    _, problems = protect.restore(shown("⦃1⦄ 쌀값은 ⦃2⦄원으로 올랐다(⦃5⦄ 참조)."), shielded.slots)
    assert messages(problems) == ["lost number '12.5' (placeholder 3)", "lost number '2' (placeholder 4)"]


def test_digits_inside_words_and_names_are_left_alone(house):
    shielded = protect.protect("The G7 met in Kaesong.", "en", "ja", house)
    assert shielded.text == shown("The G7 met in ⦃1⦄.")


def test_emphasis_markers_come_through_in_pairs(house):
    shielded = protect.protect("She called it **a final warning** and *left* the old_file soon.", "en", "ko", house)
    assert shielded.text == shown("She called it ⦃1⦄a final warning⦃2⦄ and ⦃3⦄left⦃4⦄ the old_file soon.")
    assert [(s.target, s.what) for s in shielded.slots][:4] == [("**", "emphasis")] * 2 + [("*", "emphasis")] * 2
    text, problems = protect.restore(shown("그녀는 ⦃1⦄마지막 경고⦃2⦄라고 말하고 곧 ⦃3⦄떠났다⦃4⦄."), shielded.slots)
    assert (text, problems) == ("그녀는 **마지막 경고**라고 말하고 곧 *떠났다*.", [])
    _, problems = protect.restore(shown("그녀는 ⦃1⦄마지막 경고라고 말하고 곧 ⦃3⦄떠났다⦃4⦄."), shielded.slots)
    assert messages(problems) == ["lost emphasis '**' (placeholder 2)"]


def test_emphasis_around_a_link_keeps_both(house):
    shielded = protect.protect("**[KCNA][1]** said so.", "en", "ja", house)
    assert [s.what for s in shielded.slots] == ["emphasis", "kcna", "link", "emphasis"]
    assert protect.restore(shielded.text, shielded.slots)[0] == "**[朝鮮中央通信][1]** said so."

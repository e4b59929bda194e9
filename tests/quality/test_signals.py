"""Reference-free QA signals: which fire on which pairs, and how they do on the independent set."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from translate import glossary
from translate.quality import signals


@pytest.mark.parametrize(
    "source, target, src, tgt, fired",
    [
        ("Prices doubled in 2020.", "2020년에 물가가 두 배가 됐다.", "en", "ko", []),
        ("Prices doubled in 2020.", "Prices doubled in 2020.", "en", "ko", ["wrong-language", "copy-of-source"]),
        ("Prices doubled in 2020.", "2021년에 물가가 두 배가 됐다.", "en", "ko", ["numbers"]),
        ("Prices doubled in 2020.", "物価は2020年に倍になった。", "en", "ko", ["wrong-language"]),
        ("They left.", "그들은 떠났다 떠났다 떠났다 떠났다 떠났다.", "en", "ko", ["repetition"]),
        ("Prices rose further and further.", "物価はますます上がった。", "en", "ja", []),
        ("It cost 10000000 won.", "10000000원이 들었다.", "en", "ko", []),
        (
            "The guards (and traders) left the market at night.",
            "경비대(와 상인들은 밤에 장마당을 떠났다.",
            "en",
            "ko",
            ["brackets"],
        ),
        (
            "The guards and the traders left the market at night after the order came.",
            "떠났다.",
            "en",
            "ko",
            ["length"],
        ),
        ("Kim Yo-jung spoke in Ryanggang Province.", "김여정이 양강도에서 말했다.", "en", "ko", ["glossary"]),
        ("5년째 방치돼 있다.", "It has been left for five years.", "ko", "en", []),
    ],
)
def test_reference_free_signals_fire_and_do_not_fire(source, target, src, tgt, fired):
    from translate.glossary.matcher import Matcher

    house = Matcher(glossary.load(ROOT / "glossary"))
    assert signals.signals(source, target, src, tgt, house) == fired
    assert signals.qa_score(fired) == max(0, 100 - sum(signals.WEIGHTS[name] for name in fired))


def test_signals_stay_quiet_on_human_translations_and_catch_how_mt_fails():
    """scripts/qa_signals_eval.py: human pairs by a helper who never saw the rules; MT failures made from them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("qa_signals_eval", ROOT / "scripts" / "qa_signals_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for pair, result in module.evaluate().items():
        assert result["false alarms"] <= 0.03, pair
        assert result["loop"] >= 0.95 and result["untranslated copy"] >= 0.95, pair
        assert result["truncation"] >= 0.85 and result["wrong number"] >= 0.75, pair

"""The glossary check on tests/glossary_eval/heldout.*.tsv, written by a helper who saw only the glossary.

First run (before anything was changed for it): precision 0.98, recall 0.57 (generated variants
only 0.49). The generation was then widened for the classes it missed (Korean compound spacing and
the initial-sound rule inside compounds, old kanji from OpenCC's table, kanji surnames with katakana
given names), so these floors guard that work; they are not a measurement on unseen copy.
"""

from __future__ import annotations

from translate import evaluation, glossary
from translate.matcher import Matcher

from .conftest import ROOT


def test_precision_and_recall_on_the_held_out_sentences():
    cases = [
        case
        for lang in ("en", "ko", "ja")
        for case in evaluation.read_labelled(ROOT / "tests" / "glossary_eval" / f"heldout.{lang}.tsv", lang)
    ]
    assert len(cases) >= 350
    terms = glossary.load(ROOT / "glossary")

    def run(**mode) -> evaluation.Score:
        matcher = Matcher(terms, **mode)
        return evaluation.score(
            lambda text, lang: {(h.term.id, h.found) for h in matcher.find(text, lang) if not h.accepted}, cases
        )

    full, generated = run(), run(listed=False)
    assert full.precision >= 0.95 and full.recall >= 0.70
    assert generated.precision >= 0.95 and generated.recall >= 0.65

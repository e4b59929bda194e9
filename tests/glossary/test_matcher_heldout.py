"""The glossary check on tests/glossary_eval/heldout.*.tsv, written by a helper who saw only the glossary.

First run (before anything was changed for it): precision 0.98, recall 0.57 (generated variants
only 0.49). The generation was then widened for the classes it missed (Korean compound spacing and
the initial-sound rule inside compounds, old kanji from OpenCC's table, kanji surnames with katakana
given names), so these floors guard that work; they are not a measurement on unseen copy.
"""

from __future__ import annotations

from tests.conftest import ROOT
from tests.support import evaluation
from translate import glossary
from translate.glossary.matcher import Matcher


def test_precision_and_recall_on_the_held_out_sentences():
    cases = evaluation.labelled_set(ROOT / "tests" / "glossary_eval", "heldout.")
    assert len(cases) >= 350
    terms = glossary.load(ROOT / "glossary")
    full = evaluation.score(evaluation.variant_findings(Matcher(terms)), cases)
    generated = evaluation.score(evaluation.variant_findings(Matcher(terms, listed=False)), cases)
    assert full.precision >= 0.95 and full.recall >= 0.70
    assert generated.precision >= 0.95 and generated.recall >= 0.65

#!/usr/bin/env python3
"""Precision and recall of the glossary check on tests/glossary_eval/<lang>.tsv.

Three configurations of the same glossary: listed variants only (what
Weblate's check-glossary or Vale's substitution rules see), generated variants
only, and both (what `translate check` does).
"""

from __future__ import annotations

import sys
from pathlib import Path

from translate import evaluation, glossary
from translate.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
MODES = {"listed only": (True, False), "generated only": (False, True), "listed + generated": (True, True)}


def finder(matcher: Matcher):
    return lambda text, lang: {(h.term.id, h.found) for h in matcher.find(text, lang) if not h.accepted}


def main() -> int:
    terms = glossary.load(ROOT / "glossary")
    cases = {
        lang: evaluation.read_labelled(ROOT / "tests" / "glossary_eval" / f"{lang}.tsv", lang)
        for lang in ("en", "ko", "ja")
    }
    total = sum(len(c) for c in cases.values())
    wanted = sum(len(x.expected) for c in cases.values() for x in c)
    print(f"{total} labelled sentences, {wanted} expected findings, {len(terms)} glossary entries\n")
    print(f"{'configuration':22} {'lang':>4} {'precision':>9} {'recall':>7}  tp fp fn")
    for mode, (listed, generated) in MODES.items():
        find = finder(Matcher(terms, listed=listed, generated=generated))
        for lang in (*cases, "all"):
            chosen = [c for group in cases.values() for c in group] if lang == "all" else cases[lang]
            s = evaluation.score(find, chosen)
            print(
                f"{mode:22} {lang:>4} {s.precision:9.3f} {s.recall:7.3f}  "
                f"{s.true_positives} {s.false_positives} {s.false_negatives}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

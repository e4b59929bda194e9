#!/usr/bin/env python3
"""Precision and recall of the glossary check on tests/glossary_eval/<set><lang>.tsv.

Three configurations of the same glossary: listed variants only (what
Weblate's check-glossary or Vale's substitution rules see), generated variants
only, and both (what `translate check` does). Two sets: the default one was
written alongside the rules (a regression suite); `--set heldout` was written
by a helper who saw only the glossary, never the rules.

    scripts/glossary_accuracy.py [--set heldout] [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translate import glossary
from translate.glossary.matcher import Matcher

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support
from tests.support import evaluation

ROOT = Path(__file__).resolve().parent.parent
MODES = {"listed only": (True, False), "generated only": (False, True), "listed + generated": (True, True)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="", choices=["", "heldout"], help="which labelled set (default: the first)")
    parser.add_argument("--show", action="store_true", help="print every miss and false alarm (listed + generated)")
    args = parser.parse_args()
    prefix = f"{args.set}." if args.set else ""
    terms = glossary.load(ROOT / "glossary")
    cases = {
        lang: evaluation.read_labelled(ROOT / "tests" / "glossary_eval" / f"{prefix}{lang}.tsv", lang)
        for lang in ("en", "ko", "ja")
    }
    total = sum(len(c) for c in cases.values())
    wanted = sum(len(x.expected) for c in cases.values() for x in c)
    print(f"{total} labelled sentences, {wanted} expected findings, {len(terms)} glossary entries\n")
    print(f"{'configuration':22} {'lang':>4} {'precision':>9} {'recall':>7}  tp fp fn")
    for mode, (listed, generated) in MODES.items():
        find = evaluation.variant_findings(Matcher(terms, listed=listed, generated=generated))
        for lang in (*cases, "all"):
            chosen = [c for group in cases.values() for c in group] if lang == "all" else cases[lang]
            s = evaluation.score(find, chosen)
            print(
                f"{mode:22} {lang:>4} {s.precision:9.3f} {s.recall:7.3f}  "
                f"{s.true_positives} {s.false_positives} {s.false_negatives}"
            )
    if args.show:
        find = evaluation.variant_findings(Matcher(terms))
        for group in cases.values():
            for case in group:
                got = find(case.text, case.lang)
                for kind, items in (("MISSED", case.expected - got), ("FALSE", got - case.expected)):
                    for term, found in sorted(items):
                        print(f"{kind:6} {case.lang} {term}={found}\t{case.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

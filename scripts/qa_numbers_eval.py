#!/usr/bin/env python3
"""The QA numbers signal on a labelled set it was not written against: false alarms and recall per direction.

tests/qa_eval/<src>-<tgt>.tsv (label, source, translation) was written by a
fresh-context helper who never saw the rule: `ok` rows are professional
translations (numbers as words, 만/万 units, months, clock times, full-width
digits…), `error` rows change exactly one quantity. The old digit-only
comparison is printed beside it.
Usage: scripts/qa_numbers_eval.py [--show]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

from translate.quality import signals

ROOT = Path(__file__).resolve().parent.parent


def digits_only(text: str) -> list[str]:
    """The comparison before translate.numbers: digits of 10 and more, as written."""
    found = (n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", unicodedata.normalize("NFKC", text)))
    return sorted(n for n in found if float(n) >= 10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=ROOT / "tests" / "qa_eval")
    parser.add_argument("--show", action="store_true", help="print every pair the signal gets wrong")
    args = parser.parse_args()
    print(f"{'pair':7} {'ok':>4} {'false alarms':>13} {'old':>5}  {'errors':>6} {'caught':>7} {'old':>5}")
    for path in sorted(args.set.glob("*-*.tsv")):
        src, tgt = path.stem.split("-")
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        counts = {"ok": 0, "error": 0, "alarm": 0, "old-alarm": 0, "caught": 0, "old-caught": 0}
        for row in rows:
            fired = "numbers" in signals.signals(row["source"], row["translation"], src, tgt)
            old = digits_only(row["source"]) != digits_only(row["translation"])
            ok = row["label"] == "ok"
            counts["ok" if ok else "error"] += 1
            counts["alarm" if ok else "caught"] += fired
            counts["old-alarm" if ok else "old-caught"] += old
            if args.show and fired == ok:
                print(f"  {'FALSE ALARM' if ok else 'MISSED'}: {row['source']} → {row['translation']}")
        rate = counts["alarm"] / counts["ok"] if counts["ok"] else 0
        old_rate = counts["old-alarm"] / counts["ok"] if counts["ok"] else 0
        recall = counts["caught"] / counts["error"] if counts["error"] else 0
        old_recall = counts["old-caught"] / counts["error"] if counts["error"] else 0
        print(
            f"{src}→{tgt:4} {counts['ok']:4} {counts['alarm']:5} ({rate:5.1%}) {old_rate:5.1%}"
            f"  {counts['error']:6} {recall:7.1%} {old_recall:5.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Every reference-free QA signal: false alarms on human translations, recall on known MT failures.

The `ok` rows of tests/qa_eval (professional translations written by a helper
who never saw the rules) are the human side: every signal that fires on one
is a false alarm. The MT side is the same pairs broken the ways NMT breaks
(Koehn & Knowles 2017; Raunak et al. 2021 on hallucinations), one per class:
a loop (the last clause said three more times), truncation (the second half
dropped), an untranslated copy (the source returned as the translation), and a number
dropped or changed (the `error` rows, written by the helper). (Output in a
third language is not simulated: the sets share no sentences across languages.)

Usage: scripts/qa_signals_eval.py [--show CLASS]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable
from pathlib import Path

from translate.quality import signals

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "qa_eval"


def rows(src: str, tgt: str) -> list[dict[str, str]]:
    with (SET / f"{src}-{tgt}.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _loop(source: str, target: str) -> str:
    clauses = [c for c in re.split(r"(?<=[,，、])\s*", target) if c.strip()]
    tail = clauses[-1].rstrip(".。")
    return target.rstrip(".。") + (" " if " " in target else "") + " ".join([tail] * 3)


def _truncated(source: str, target: str) -> str:
    return target[: max(1, len(target) // 2)]


def _copy(source: str, target: str) -> str:
    return source


#: How NMT output fails, applied to a human translation (target) of source.
FAILURES: dict[str, Callable[[str, str], str]] = {
    "loop": _loop,
    "truncation": _truncated,
    "untranslated copy": _copy,
}


def evaluate(show: str | None = None) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    pairs = [("en", "ko"), ("en", "ja"), ("ko", "en"), ("ja", "en")]
    for src, tgt in pairs:
        data = rows(src, tgt)
        ok = [r for r in data if r["label"] == "ok"]
        alarms = [r for r in ok if signals.signals(r["source"], r["translation"], src, tgt)]
        result = {"human": len(ok), "false alarms": len(alarms) / len(ok)}
        if show == "false alarms":
            for r in alarms:
                print(f"  {src}→{tgt} {signals.signals(r['source'], r['translation'], src, tgt)}: {r['translation']}")
        for name, fail in FAILURES.items():
            broken = [(r, fail(r["source"], r["translation"])) for r in ok]
            caught = [(r, t) for r, t in broken if signals.signals(r["source"], t, src, tgt)]
            result[name] = len(caught) / len(broken) if broken else float("nan")
            if show == name:
                for r, t in broken:
                    if (r, t) not in caught:
                        print(f"  MISSED {src}→{tgt}: {t}")
        errors = [r for r in data if r["label"] == "error"]
        caught = [r for r in errors if signals.signals(r["source"], r["translation"], src, tgt)]
        result["wrong number"] = len(caught) / len(errors)
        results[f"{src}→{tgt}"] = result
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", choices=["false alarms", *FAILURES], help="print the pairs of one class")
    args = parser.parse_args()
    results = evaluate(args.show)
    columns = ["human", "false alarms", *FAILURES, "wrong number"]
    print(f"{'pair':7} " + " ".join(f"{c:>17}" for c in columns))
    for pair, result in results.items():
        cells = [f"{result[c]:17.0f}" if c == "human" else f"{result[c]:17.1%}" for c in columns]
        print(f"{pair:7} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())

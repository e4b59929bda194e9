#!/usr/bin/env python3
"""Sentence segmentation on the gold set: our segmenter against the libraries alone.

Prints, per language, how many gold cases each segmenter gets exactly right and
its speed (sentences per second over the gold texts repeated). Libraries that
are not installed are skipped (pip install pysbd kiwipiepy to add them).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

from translate.source import segment

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support
from tests.support import evaluation

GOLD = Path(__file__).resolve().parent.parent / "tests" / "segmentation"


def ours(lang: str) -> Callable[[str], list[str]]:
    return lambda text: [s for _, s in segment.split(text, lang)]


def library(lang: str) -> Callable[[str], list[str]]:
    """What segment.py builds on, without the rule layer."""
    splitter = segment._splitter(lang)
    return lambda text: [s.strip() for s in splitter(text) if s.strip()]


def pysbd_(lang: str) -> Callable[[str], list[str]] | None:
    if not importlib.util.find_spec("pysbd"):
        return None
    import pysbd

    try:
        seg = pysbd.Segmenter(language=lang, clean=False)
    except ValueError:
        return None
    return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]


def kiwi(lang: str) -> Callable[[str], list[str]] | None:
    if lang != "ko" or not importlib.util.find_spec("kiwipiepy"):
        return None
    from kiwipiepy import Kiwi

    k = Kiwi()
    return lambda text: [s.text.strip() for s in k.split_into_sents(text)]


SEGMENTERS = {
    "translate (library + rules)": ours,
    "library alone (sentencex / ja-sentence-segmenter)": library,
    "pysbd": pysbd_,
    "kiwipiepy": kiwi,
}


def main() -> int:
    for name, note in SETS.items():
        print(f"\n=== {name}: {note}")
        compare(name)
    return 0


#: gold: written with the rules (a regression suite); heldout: written by someone who never saw them.
SETS = {
    "gold": "written alongside the rules: a regression suite, not a score",
    "heldout": "written by a helper who had not seen the rules",
}


def compare(set_name: str) -> None:
    total = {name: [0, 0] for name in SEGMENTERS}
    for lang in ("en", "ko", "ja"):
        cases = evaluation.read(GOLD / f"{set_name}.{lang}.txt", lang)
        print(f"\n{lang}: {len(cases)} cases")
        for name, make in SEGMENTERS.items():
            split = make(lang)
            if split is None:
                print(f"  {name:52} (not installed, or no model for this language)")
                continue
            right = sum(tuple(split(c.text)) == c.sentences for c in cases)
            texts = [c.text for c in cases] * 20
            start = time.perf_counter()
            count = sum(len(split(t)) for t in texts)
            speed = count / (time.perf_counter() - start)
            total[name][0] += right
            total[name][1] += len(cases)
            print(f"  {name:52} {right:3}/{len(cases)}  {100 * right / len(cases):5.1f}%  {speed:10,.0f} sentences/s")
    print("\nall languages:")
    for name, (right, n) in total.items():
        if n:
            print(f"  {name:52} {right:3}/{n}  {100 * right / n:5.1f}%")


if __name__ == "__main__":
    sys.exit(main())

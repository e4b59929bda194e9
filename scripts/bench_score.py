#!/usr/bin/env python3
"""How long scoring 10,000 units takes: sacrebleu chrF + TER (reference) and the reference-free QA.

Builds a Korean catalog of --units units from the sample article's translations
(with a syllable appended that differs from the reference in some units) and a reference catalog,
then times translate.quality on them, next to sacrebleu's own corpus_score on
the same strings (the floor: what the metrics cost without us).
Usage: scripts/bench_score.py [--units 10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polib
from sacrebleu.metrics import CHRF, TER

from translate import glossary
from translate.glossary.matcher import Matcher
from translate.quality import metrics, pairs, signals

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args()
    sample = [e for e in polib.pofile(str(ROOT / "locales/ko/hyesan-trader.po")) if e.msgstr]
    hyp, ref = polib.POFile(), polib.POFile()
    for n in range(args.units):
        entry = sample[n % len(sample)]
        mark = "가나다라마바사"
        hyp.append(polib.POEntry(msgctxt=str(n), msgid=entry.msgid, msgstr=f"{entry.msgstr} {mark[n % 7]}"))
        ref.append(polib.POEntry(msgctxt=str(n), msgid=entry.msgid, msgstr=f"{entry.msgstr} {mark[n % 5]}"))
    house = Matcher(glossary.load(ROOT / "glossary"))

    start = time.perf_counter()
    compared = pairs.reference_pairs(hyp, ref)
    corpus = metrics.score(compared, "ko", ("chrf", "ter"), "2026-12-01")
    ours = time.perf_counter() - start
    start = time.perf_counter()
    qa = signals.qa(hyp, "en", "ko", "2026-12-01", house)
    qa_time = time.perf_counter() - start

    hyps, refs = [p.hypothesis for p in compared], [p.reference for p in compared]
    start = time.perf_counter()
    for scorer in (CHRF(), TER(asian_support=True)):
        scorer.corpus_score(hyps, [refs])
        for h, r in zip(hyps, refs, strict=True):
            scorer.sentence_score(h, [r])
    floor = time.perf_counter() - start

    print(f"{args.units} units, Korean")
    print(f"translate chrF + TER (unit + corpus, kept per unit) {ours:7.2f} s   {corpus['chrF2']['score']:.2f} chrF2")
    print(f"sacrebleu alone, same scores                        {floor:7.2f} s   ratio {ours / floor:.2f}x")
    print(f"reference-free QA with the glossary                 {qa_time:7.2f} s   mean {qa['score']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

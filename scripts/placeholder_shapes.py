#!/usr/bin/env python3
"""Which placeholder shape carries glossary terms and numbers through a trained model best.

Translates 200 sentences whose names the model never saw (scripts/train_tiny_model.py
holds them out of training) with tests/data/tiny-en_ko.argosmodel, through
translate.mt.engine, once per shape: names (glossary terms) and numbers become
placeholders of that shape, and after MT the house form and the digits go
back in. For each shape it prints how many units kept every placeholder (in
any reshaped form restore() repairs), how many came out exactly as the
reference translation, and chrF against the references. "no placeholders" is
the model on its own.

A tiny model trained on templates is not an Argos model trained on millions of
sentences: the figures say how each shape behaves under a real decoder and
real SentencePiece segmentation, not how a production model will score.
Usage: scripts/placeholder_shapes.py [--model FILE.argosmodel]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import sacrebleu

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from train_tiny_model import unseen_pairs  # noqa: E402

from translate import glossary  # noqa: E402
from translate.glossary.matcher import Matcher  # noqa: E402
from translate.mt import packages, protect  # noqa: E402
from translate.mt.engine import Engine  # noqa: E402

MODEL = ROOT / "tests" / "data" / "tiny-en_ko.argosmodel"
SHAPES = {
    "one private-use character (ours)": protect.placeholder,
    "⦃1⦄": lambda n, target: f"⦃{n}⦄",
    "{1}": lambda n, target: f"{{{n}}}",
    "[1]": lambda n, target: f"[{n}]",
    "__1__": lambda n, target: f"__{n}__",
    "code QZA": lambda n, target: "QZ" + chr(64 + n),
    "house form in the source": lambda n, target: target,
}


def evaluate(engine: Engine, house: Matcher, shape) -> tuple[int, int, float, int]:
    pairs = unseen_pairs()
    if shape is None:
        outputs = engine.translate([source for source, _ in pairs])
        kept = sum(
            all(word in out for word in _names(ref, house)) for out, (_, ref) in zip(outputs, pairs, strict=True)
        )
    else:
        shielded = [protect.protect(source, "en", "ko", house, shape) for source, _ in pairs]
        raw = engine.translate([s.text for s in shielded])
        restored = [protect.restore(out, s.slots) for out, s in zip(raw, shielded, strict=True)]
        outputs = [text for text, _ in restored]
        kept = sum(not problems for _, problems in restored)
    references = [ref for _, ref in pairs]
    exact = sum(o == r for o, r in zip(outputs, references, strict=True))
    chrf = sacrebleu.metrics.CHRF().corpus_score(outputs, [references]).score
    return kept, exact, chrf, len(pairs)


def _names(reference: str, house: Matcher) -> list[str]:
    return [reference[hit.start : hit.end] for hit in house.find(reference, "ko")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args()
    house = Matcher(glossary.load(ROOT / "glossary"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARGOS_PACKAGES_DIR"] = tmp
        engine = Engine(packages.install(args.model))
        print(f"{'shape':34} {'kept':>9} {'exact':>9} {'chrF':>6}")
        for label, shape in {"no placeholders": None, **SHAPES}.items():
            kept, exact, chrf, n = evaluate(engine, house, shape)
            print(f"{label:34} {kept:4}/{n:<4} {exact:4}/{n:<4} {chrf:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

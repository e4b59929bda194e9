#!/usr/bin/env python3
"""Benchmark: argostranslate.translate() called per unit against our fast path, same model, one run.

Builds a realistic-size random Argos package (Transformer base: 6+6 layers,
d_model 512, 8 heads, FFN 2048, int8), installs it in a temporary
ARGOS_PACKAGES_DIR, and translates the same sentences

* with argostranslate (in .venv-argos, its defaults: compute type auto,
  intra_threads 0, beam 4), one translate() call per sentence, as a naive
  integration would call it for each PO unit (its sentence splitter, MiniSBD,
  downloads a model on first use and cannot run offline, so each call gets one
  sentence: the splitting it would do is not timed);
* with translate.mt.engine: all sentences in one call, single-sentence batches
  in parallel (inter_threads = cores, intra_threads 1).

Both exclude model loading; both produce the same output (checked). A random
model writes until CTranslate2's 256-token limit, so each sentence costs far
more than with a trained model: the ratio is what matters.
Usage: scripts/bench_mt.py [--sentences 500]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from translate.mt import builder, packages
from translate.mt.engine import Engine

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--reference-python", default=str(ROOT / ".venv-argos" / "bin" / "python"))
    args = parser.parse_args()
    if not Path(args.reference_python).exists():
        print(f"{args.reference_python} missing: run scripts/test once to create .venv-argos", file=sys.stderr)
        return 2
    rng = random.Random(5)
    letters = "abcdefghijklmnoprstuvwy"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(3000)]
    corpus = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(3000)]
    sentences = [
        " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "." for _ in range(args.sentences)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["ARGOS_PACKAGES_DIR"] = str(folder / "packages")
        start = time.perf_counter()
        archive = builder.build(
            folder / "base.argosmodel",
            "en",
            "ko",
            corpus,
            layers=(6, 6),
            d_model=512,
            heads=8,
            ffn=2048,
            vocab_size=8000,
            seed=1,
        )
        package = packages.install(archive)
        print(f"model: 6+6 layers, d_model 512, int8; built in {time.perf_counter() - start:.1f} s")

        request = json.dumps({"from": "en", "to": "ko", "sentences": sentences, "time": True})
        done = subprocess.run(
            [args.reference_python, str(ROOT / "scripts" / "argos_reference.py")],
            input=request,
            capture_output=True,
            text=True,
            check=True,
        )
        theirs = json.loads(done.stdout)
        engine = Engine(package)
        engine.translate(sentences[:1])
        start = time.perf_counter()
        ours = engine.translate(sentences)
        seconds = time.perf_counter() - start

    n = len(sentences)
    argos_rate, our_rate = n / theirs["seconds"], n / seconds
    print(f"argostranslate.translate() per unit  {argos_rate:8.2f} sentences/s  ({theirs['seconds']:.1f} s)")
    print(f"translate fast path                  {our_rate:8.2f} sentences/s  ({seconds:.1f} s)")
    print(f"ratio                                {our_rate / argos_rate:8.2f}x")
    print(f"identical output: {ours == theirs['translations']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

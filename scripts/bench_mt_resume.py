#!/usr/bin/env python3
"""Benchmark: `translate mt` after an interruption, with its cache against without (the peer is the same
command with --no-cache, as every run was before results were kept), one run each, whole commands.

Builds a random 4+4-layer Argos package (d_model 256) and a workspace whose article has --sentences
sentences of many lengths, then times, in fresh copies of the updated workspace:

* cold:      translate mt --no-tm --no-cache (nothing kept: what an interrupted run used to cost again);
* killed:    translate mt --no-tm, SIGKILLed after --kill-at of the cold time;
* resumed:   translate mt --no-tm after the kill (its cache holds the batches done before it);
* rerun:     translate mt --no-tm again on a fresh copy with the whole cache (another article, same text).

It checks the resumed catalog equals the cold one byte for byte and prints the ratios.
Usage: scripts/bench_mt_resume.py [--sentences 300] [--kill-at 0.6]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support

from tests.support import builder
from tests.support.corpus import CORPUS
from translate.mt import packages

PLACES = ("Hyesan", "Musan", "Sinuiju", "Kaesong", "Wonsan", "Chongjin", "Rason", "Hamhung", "Hoeryong", "Manpo")
GOODS = ("rice", "corn", "diesel", "batteries", "cooking oil", "soap", "cigarettes", "flour", "sugar", "salt")


def article(count: int) -> str:
    sentences = [
        f"Traders in {PLACES[n % 10]} said {GOODS[n // 10 % 10]} prices rose {n % 7 + 2} times"
        f"{' after the border closed' * (n % 4)} in month {n // 100 + 1}."
        for n in range(count)
    ]
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, count, 4)]
    return "---\ntitle: Prices at the border markets\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def timed(folder: Path, env: dict, *options: str) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "translate", "mt", "--no-tm", *options], cwd=folder, env=env, check=True)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--kill-at", type=float, default=0.6, help="fraction of the cold run's time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        model = builder.build(
            root / "m.argosmodel", "en", "ko", CORPUS, layers=(4, 4), d_model=256, heads=4, ffn=512, seed=2
        )
        packages.install(model, root / "packages")
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(root / "packages"), "SOURCE_DATE_EPOCH": "1600000000"}
        base = root / "base"
        (base / "articles").mkdir(parents=True)
        (base / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
        (base / "articles/prices.md").write_text(article(args.sentences), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "translate", "update"], cwd=base, env=env, check=True, capture_output=True
        )

        cold_ws = root / "cold"
        shutil.copytree(base, cold_ws)
        cold = timed(cold_ws, env, "--no-cache")

        killed_ws = root / "killed"
        shutil.copytree(base, killed_ws)
        child = subprocess.Popen([sys.executable, "-m", "translate", "mt", "--no-tm"], cwd=killed_ws, env=env)
        time.sleep(cold * args.kill_at)
        child.send_signal(signal.SIGKILL)
        child.wait()
        kept = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in killed_ws.glob(".translate/cache/mt/*"))
        resumed = timed(killed_ws, env)
        same = (killed_ws / "locales/ko/prices.po").read_bytes() == (cold_ws / "locales/ko/prices.po").read_bytes()

        again_ws = root / "again"
        shutil.copytree(base, again_ws)
        shutil.copytree(killed_ws / ".translate", again_ws / ".translate")
        rerun = timed(again_ws, env)

    units = args.sentences + 1
    print(f"{units} units; killed at {args.kill_at:.0%} of the cold run with {kept} sentence(s) kept")
    print(f"cold (no cache, the peer)   {cold:7.2f} s")
    print(f"resumed after the kill      {resumed:7.2f} s   {resumed / cold:.2f}x   same catalog: {same}")
    print(f"rerun with the whole cache  {rerun:7.2f} s   {rerun / cold:.2f}x")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark: the same `translate mt --no-tm --no-cache` job in-process and on a local Ray instance, one run each.

Builds the Transformer-base-size random Argos package scripts/bench_mt.py uses (6+6 layers, d_model 512,
8 heads, FFN 2048, 8,000 pieces, int8, decoder stopping after about 28 tokens) and a workspace whose article
has --sentences sentences of 8-30 words, then times whole commands in fresh copies of the updated workspace:

* in-process:                translate mt (one engine, inter_threads = cores, at most 4);
* --ray local --ray-workers 1 --ray-threads 1, and --ray-workers 2 --ray-threads 1: one and two Ray
  actors of one core each (Ray started for the run and shut down after, as `local` does);
* --ray local --ray-workers 1 (one actor using every core: threads = cores).

Each is also timed on a one-sentence workspace, so its fixed cost (Python, Ray start and stop, model loads)
and its translation rate (sentences / (time - fixed cost)) are printed apart. Catalogs are compared byte
for byte with the in-process one. The machine's core count bounds what more workers can give: say it.
Usage: scripts/bench_mt_ray.py [--sentences 400] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support

from tests.support import builder
from translate.mt import packages

MODES = {
    "in-process": (),
    "ray local, 1 worker x 1 thread": ("--ray", "local", "--ray-workers", "1", "--ray-threads", "1"),
    "ray local, 2 workers x 1 thread": ("--ray", "local", "--ray-workers", "2", "--ray-threads", "1"),
    "ray local, 1 worker x all cores": ("--ray", "local", "--ray-workers", "1"),
}


def article(sentences: list[str]) -> str:
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "---\ntitle: Prices at the border markets\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def workspace(folder: Path, sentences: list[str], env: dict) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    (folder / "articles/prices.md").write_text(article(sentences), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "translate", "update"], cwd=folder, env=env, check=True, capture_output=True)
    return folder


def timed(base: Path, copy: Path, env: dict, options: tuple[str, ...], cache: Path | None = None) -> float:
    """One whole command in a fresh copy of the workspace; with ``cache``, that MT cache kept and used."""
    shutil.copytree(base, copy)
    if cache:
        shutil.copytree(cache, copy / ".translate", dirs_exist_ok=True)
    started = time.monotonic()
    command = [sys.executable, "-m", "translate", "mt", "--no-tm", *([] if cache else ["--no-cache"]), *options]
    subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=1, help="runs per mode; the fastest counts (a busy machine)")
    args = parser.parse_args()
    rng = random.Random(5)
    letters = "abcdefghijklmnoprstuvwy"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(3000)]
    corpus = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(3000)]
    sentences = [
        " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "." for _ in range(args.sentences)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.monotonic()
        model = builder.build_base(root / "base.argosmodel", corpus)
        package = packages.install(model, root / "packages")
        size = sum(p.stat().st_size for p in package.path.rglob("*") if p.is_file())
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(root / "packages"), "SOURCE_DATE_EPOCH": "1600000000"}
        print(f"model: 6+6 layers, d_model 512, int8, {size / 1e6:.0f} MB; built in {time.monotonic() - started:.0f} s")
        print(f"{args.sentences} sentences (+ the title); {os.cpu_count()} cores on this machine")
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        big = workspace(root / "big", sentences, env)
        small = workspace(root / "small", sentences[:1], env)
        results = {}
        for n, (label, options) in enumerate(MODES.items()):
            fixed = min(timed(small, root / f"small-{n}-{k}", env, options) for k in range(args.repeat))
            total = min(timed(big, root / f"big-{n}-{k}", env, options) for k in range(args.repeat))
            catalog = (root / f"big-{n}-0/locales/ko/prices.po").read_bytes()
            results[label] = fixed, total, catalog
        # The driver's own share (catalogs, protection, cache, checks, writing): every sentence from the cache.
        (root / "empty").mkdir()
        timed(big, root / "cached", env, (), cache=root / "empty")
        driver = timed(big, root / "driver", env, (), cache=root / "cached/.translate")
    base_fixed, base_total, base_catalog = results["in-process"]
    base_rate = args.sentences / (base_total - base_fixed)
    print(f"{'':34} {'command':>8} {'fixed':>7} {'sent/s':>7} {'vs in-process':>14}  same catalog")
    for label, (fixed, total, catalog) in results.items():
        rate = args.sentences / (total - fixed)
        print(
            f"{label:34} {total:7.1f}s {fixed:6.1f}s {rate:7.1f} {base_total / total:6.2f}x {rate / base_rate:5.2f}x"
            f"  {catalog == base_catalog}"
        )
    one, two = (results[f"ray local, {k}"] for k in ("1 worker x 1 thread", "2 workers x 1 thread"))
    print(
        f"2 workers / 1 worker (one thread each): {(one[1] - one[0]) / (two[1] - two[0]):.2f}x translation rate,"
        f" {one[1] / two[1]:.2f}x whole command"
    )
    print("(vs in-process: whole command, then translation rate with the fixed cost taken out)")
    per_unit = (driver - base_fixed) / args.sentences
    print(
        f"driver only (every sentence from the cache): {driver:.1f} s,"
        f" {per_unit * 1000:.2f} ms per unit over the fixed cost"
    )
    print(
        f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        " (other work on the machine skews times)"
    )


if __name__ == "__main__":
    main()

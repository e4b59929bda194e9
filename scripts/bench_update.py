#!/usr/bin/env python3
"""Benchmark: ``translate update`` against ``msgmerge --previous`` on a 20,000-unit catalog.

Builds a synthetic article of N sentences, translates every unit, revises the
article (edits, deletions, insertions, a moved block of paragraphs), then times
in one run, on the same files:

* ours:   ``translate update`` (segmentation, identities, template, merge, write)
* peer:   ``msgmerge --previous --no-wrap`` of the old catalog with the new template

and prints both times and the ratio. Usage: scripts/bench_update.py [--units 20000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

WORDS = (
    "guards traders market border river rice corn broker province city party officials smuggling "
    "prices ministry statement defectors families factory workers village train night winter"
).split()
STARTS = ["Hyesan", "Kaesong", "Traders", "Guards", "Officials", "Prices", "Brokers", "Families"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(STARTS)] + [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return " ".join(words) + f" in {1990 + n % 35} case {n}."


def article(paragraphs: list[list[str]]) -> str:
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    return f"---\ntitle: Benchmark article\ndate: 2020-06-17\n---\n\n{body}\n"


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("msgmerge"):
        print("msgmerge not found: apt-get install gettext", file=sys.stderr)
        return 2
    translate = shutil.which("translate") or str(Path(sys.executable).parent / "translate")

    rng = random.Random(7)
    sentences = [sentence(rng, n) for n in range(args.units)]
    paragraphs = [sentences[i : i + 5] for i in range(0, len(sentences), 5)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n')
        (root / "articles").mkdir()
        source = root / "articles" / "big.md"
        source.write_text(article(paragraphs))
        subprocess.run([translate, "update"], cwd=root, check=True, capture_output=True)
        po_path = root / "locales/ko/big.po"
        po = polib.pofile(str(po_path), wrapwidth=0)
        for entry in po:
            entry.msgstr = "번역: " + entry.msgid
        po.save(str(po_path))
        subprocess.run(["msgcat", "--no-wrap", "-o", str(po_path), str(po_path)], check=True)

        # Revise: 2% edited, 1% deleted, 1% inserted, 50 paragraphs moved to the end.
        revised = [list(p) for p in paragraphs]
        for p in revised:
            for i in range(len(p)):
                roll = rng.random()
                if roll < 0.02:
                    p[i] = p[i].replace(" in ", " near ", 1)
                elif roll < 0.03:
                    p[i] = ""
                elif roll < 0.04:
                    p[i] += " " + sentence(rng, args.units + rng.randint(0, 10**6))
        revised = [[s for s in p if s] for p in revised]
        revised = revised[50:] + revised[:50]
        old_pot = (root / "locales/templates/big.pot").read_bytes()
        old_po = po_path.read_bytes()
        source.write_text(article([p for p in revised if p]))

        ours, peer = [], []
        for _ in range(args.repeat):
            (root / "locales/templates/big.pot").write_bytes(old_pot)
            po_path.write_bytes(old_po)
            ours.append(timed([translate, "update", "articles/big.md"], root))
            merged_by_us = polib.pofile(str(po_path))
            (root / "old.po").write_bytes(old_po)
            msgmerge = ["msgmerge", "--previous", "--no-wrap", "-q", "-o", "gnu.po", "old.po"]
            peer.append(timed([*msgmerge, "locales/templates/big.pot"], root))
        gnu = polib.pofile(str(root / "gnu.po"))

        def summary(po: polib.POFile) -> str:
            active = [e for e in po if not e.obsolete]
            return (
                f"{len(active)} units, {sum(1 for e in active if e.msgstr and not e.fuzzy)} translated, "
                f"{sum(1 for e in active if e.fuzzy)} fuzzy, {sum(1 for e in po if e.obsolete)} obsolete"
            )

        print(f"catalog: {args.units} units, {len(old_po) / 1e6:.1f} MB; best of {args.repeat}")
        print(f"translate update        {min(ours):7.2f} s   ({summary(merged_by_us)})")
        print(f"msgmerge --previous     {min(peer):7.2f} s   ({summary(gnu)})")
        print(f"ratio msgmerge / ours   {min(peer) / min(ours):7.2f}x (above 1: translate update is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark: a no-op ``translate update`` and ``translate build`` against their cold runs, on one archive.

Builds a workspace of --articles interview articles (about 35 units each, English
source, Korean and Japanese catalogs translated, a glossary of the sample's names),
then times whole commands, each in a fresh process, in one run:

* update, cold:   no templates or catalogs yet: every article segmented, every catalog written;
* update, no-op:  nothing changed since (the article records in .translate/cache say so by content);
* update, one:    one article edited: it alone is segmented and merged again;
* update --force: nothing changed, every article done again anyway (what a no-op cost before);
* build, cold / no-op / one catalog edited / --force, likewise.

Prints each time and its ratio to the cold run. Usage: scripts/bench_incremental.py [--articles 1000]
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

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ["Kim Yo-jung", "Choe Son-hui", "Ri Sol-ju", "Pak Jong-chon", "Kim Tok-hun"]
PLACES = ["Hyesan", "Kaesong", "Ryanggang Province", "Sinuiju", "Hoeryong"]
WORDS = (
    "traders guards market river rice corn broker officials smuggling prices ministry statement families "
    "factory workers village train winter border bridge customs permit quota fuel fishing season"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(7, 15))]
    words.insert(rng.randint(0, len(words)), rng.choice(PEOPLE + PLACES))
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def interview(number: int, rng: random.Random) -> str:
    lines = [f"---\ntitle: Interview {number} from {rng.choice(PLACES)}\ndate: 2021-03-02\nlang: en\n---\n"]
    lines.append(" ".join(sentence(rng) for _ in range(3)) + "\n")
    for section in range(3):
        lines.append(f"◆ Part {section + 1}\n")
        for _ in range(3):
            lines.append(f"-- {sentence(rng)[:-1]}?\n")
            lines.append("A: " + " ".join(sentence(rng) for _ in range(2)) + "\n")
    return "\n".join(lines)


def translate(*args: str, cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "translate", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"translate {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def fill(path: Path, lang: str) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr = f"[{lang}] {entry.msgid}"
    po.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(5)
    root = Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    try:
        (root / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko", "ja"]\n', encoding="utf-8")
        shutil.copytree(ROOT / "glossary", root / "glossary")
        (root / "articles").mkdir()
        for number in range(args.articles):
            (root / "articles" / f"interview-{number:04d}.md").write_text(interview(number, rng), encoding="utf-8")

        times = {"update, cold": translate("update", cwd=root)}
        units = sum(len(polib.pofile(str(p))) for p in (root / "locales/templates").glob("*.pot"))
        times["update, no-op"] = translate("update", cwd=root)
        edited = root / "articles" / "interview-0007.md"
        edited.write_text(edited.read_text(encoding="utf-8") + "\nThe ice broke in March.\n", encoding="utf-8")
        times["update, one article edited"] = translate("update", cwd=root)
        times["update --force"] = translate("update", "--force", cwd=root)
        for lang in ("ko", "ja"):
            for path in (root / "locales" / lang).glob("*.po"):
                fill(path, lang)
        times["build, cold"] = translate("build", cwd=root)
        times["build, no-op"] = translate("build", cwd=root)
        fill(root / "locales/ko/interview-0042.po", "ko-revised")
        times["build, one catalog edited"] = translate("build", cwd=root)
        times["build --force"] = translate("build", "--force", cwd=root)

        print(f"{args.articles} articles, {units} units, 2 target languages (whole commands, fresh processes)")
        for name, seconds in times.items():
            cold = times[f"{name.split(',')[0].split(' ')[0]}, cold"]
            print(f"  {name:28} {seconds:7.2f} s  {seconds / cold:5.2f}x cold")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

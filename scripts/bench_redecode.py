#!/usr/bin/env python3
"""House forms with and without re-decoding, on a trained model that loses placeholders.

Translates 200 sentences whose names tests/data/tiny-en_ko.argosmodel never saw
(scripts/train_tiny_model.py holds them out of training) the way ``translate mt``
does: glossary terms and numbers become placeholders (translate/mt/protect.py),
the model translates, the placeholders are restored and the output checked
against the glossary. Then the sentences with findings are decoded again under
constraints (translate/mt/redecode.py, as translate/mt/prefill.py calls it), and
both runs are printed side by side:

* house-form rate: sentences in which every glossary term of the source comes out
  in its house form, over the sentences with terms;
* placeholders kept: sentences with every placeholder (terms and numbers) back;
* chrF and exact matches against the reference translations, so a gain in house
  forms bought with a worse sentence shows;
* sentences re-decoded, how many a candidate mended, CTranslate2 calls, candidates
  and the time each pass took.

A tiny model trained on templates is not an Argos model: the figures say what the
constraints do under a real decoder, not what a production model will score.
Usage: scripts/bench_redecode.py [--model FILE.argosmodel] [--count 200] [--show N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import sacrebleu

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from train_tiny_model import unseen_pairs  # noqa: E402

from translate import glossary  # noqa: E402
from translate.checks import placeholders  # noqa: E402
from translate.glossary.matcher import Matcher  # noqa: E402
from translate.mt import packages, protect, redecode  # noqa: E402
from translate.mt.engine import Engine, Settings  # noqa: E402

MODEL = ROOT / "tests" / "data" / "tiny-en_ko.argosmodel"


def house_forms(source: str, text: str, house: Matcher) -> bool | None:
    """Whether every term of the source is in its Korean house form in ``text``; None: no term."""
    terms = {hit.term.id: hit.term for hit in house.find(source, "en")}
    if not terms:
        return None
    return all(term.forms["ko"].preferred in text for term in terms.values() if "ko" in term.forms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--show", type=int, default=0, help="print the first N re-decoded sentences")
    args = parser.parse_args()
    house = Matcher(glossary.load(ROOT / "glossary"))
    pairs = unseen_pairs(count=args.count)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARGOS_PACKAGES_DIR"] = tmp
        engine = Engine(packages.install(args.model), Settings(inter_threads=1))
        sources = [source for source, _ in pairs]
        references = [reference for _, reference in pairs]
        shielded = [protect.protect(source, "en", "ko", house) for source in sources]

        started = time.perf_counter()
        outputs = engine.translate([s.text for s in shielded])
        plain_seconds = time.perf_counter() - started
        first, flagged = [], []
        for i, (source, s, output) in enumerate(zip(sources, shielded, outputs, strict=True)):
            text, found = protect.restore(output, s.slots, "ko")
            found += placeholders.verify(house, source, "en", text, "ko")
            first.append(text)
            if redecode.worth_a_second_try(found):
                flagged.append(i)

        started = time.perf_counter()
        sentences = [redecode.Sentence(sources[i], shielded[i].text, outputs[i], shielded[i].slots) for i in flagged]
        results = redecode.retry(engine, sentences, "en", "ko", house)
        redecode_seconds = time.perf_counter() - started
        final = list(first)
        for i, result in zip(flagged, results, strict=True):
            if result.redecoded:
                final[i] = protect.restore(result.output, shielded[i].slots, "ko")[0]

    def rate(texts: list[str]) -> tuple[int, int]:
        marks = [house_forms(source, text, house) for source, text in zip(sources, texts, strict=True)]
        return sum(m is True for m in marks), sum(m is not None for m in marks)

    def kept(texts: list[str]) -> int:
        return sum(all(slot.target in text for slot in s.slots) for s, text in zip(shielded, texts, strict=True))

    chrf = sacrebleu.metrics.CHRF()
    mended = sum(r.redecoded for r in results)
    rows = [
        ("house-form rate", *(f"{a}/{b} = {100 * a / max(b, 1):.1f}%" for a, b in (rate(first), rate(final)))),
        ("placeholders kept", f"{kept(first)}/{len(pairs)}", f"{kept(final)}/{len(pairs)}"),
        (
            "chrF vs reference",
            f"{chrf.corpus_score(first, [references]).score:.1f}",
            f"{chrf.corpus_score(final, [references]).score:.1f}",
        ),
        (
            "exact matches",
            f"{sum(a == b for a, b in zip(first, references, strict=True))}",
            f"{sum(a == b for a, b in zip(final, references, strict=True))}",
        ),
        ("sentences re-decoded", "0", f"{len(flagged)} ({mended} mended)"),
        ("CTranslate2 calls", "-", "+{0} translate_batch, +{0} score_batch".format(sum(r.decodes for r in results))),
        ("candidates scored", "-", f"{sum(r.candidates for r in results)}"),
        ("time", f"{plain_seconds:.1f} s", f"{plain_seconds:.1f} s + {redecode_seconds:.1f} s"),
    ]
    print(f"{len(pairs)} sentences, names the model never saw; one thread\n")
    print(f"{'':22} {'without re-decoding':>22} {'with re-decoding':>28}")
    for label, without, with_ in rows:
        print(f"{label:22} {without:>22} {with_:>28}")
    constraints: dict[str, int] = {}
    for r in results:
        if r.redecoded:
            constraints[r.constraint] = constraints.get(r.constraint, 0) + 1
    for i in flagged[: args.show]:
        print(f"\n{sources[i]}\n  reference  {references[i]}\n  first      {first[i]}\n  re-decoded {final[i]}")
    print("\nmended by:", ", ".join(f"{k} {v}" for k, v in sorted(constraints.items())) or "nothing")
    return 0


if __name__ == "__main__":
    sys.exit(main())

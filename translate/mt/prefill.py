"""Pre-filling catalogs with machine translation, never over a person's work.

Only untranslated units are filled (with ``refresh``, also fuzzy units this
command filled earlier and nobody has edited since). Everything written is
fuzzy and carries a provenance line in the translator comments, which
msgmerge, Poedit and ``translate update`` keep::

    # translate-mt: {"engine": "argos", "packages": ["translate-ko_en 1.9", "translate-en_ja 1.9"],
    #                "pivot": ["en"], "date": "2026-12-01", "raw": "the machine output as it came"}

Translation memory comes first: a unit whose source people translated before
(exactly, or above the threshold) gets that translation, with
``"engine": "tm"``, the match percentage and the file it came from.
``raw`` is kept so a post-edit score can be computed later. A unit whose
output lost a placeholder, or wrote a term as a variant, is decoded once more
under constraints (translate/mt/redecode.py); when that mends it, its
``issues`` begin with a "re-decoded with …" line, so a reviewer knows the model
was steered there (Provenance has no field of its own for it). All pending units
of all selected catalogs go to the model at once, one load per package; the
catalogs are then written as one transaction: all or none, and none over a
file a translator saved while the model ran (see translate/transaction.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from translate.catalog import store
from translate.catalog.notes import Provenance
from translate.catalog.pofile import POEntry
from translate.checks import placeholders
from translate.glossary.matcher import Matcher
from translate.memory import Memory
from translate.model import Finding
from translate.mt import protect, redecode
from translate.mt.engine import Router
from translate.stamp import today
from translate.transaction import Transaction, clean_stale


@dataclass
class FillReport:
    catalogs: dict[str, int] = field(default_factory=dict)  # path -> units filled
    pairs: dict[str, list[str]] = field(default_factory=dict)  # "ko→ja" -> packages used
    written: list[str] = field(default_factory=list)
    memory: int = 0  # units filled from translation memory
    cached: int = 0  # sentence-translations the MT cache answered (a rerun, a sentence seen before)
    issues: int = 0  # machine translations that lost or misspelled a term or link (listed in provenance)
    #: Units whose first output lost a placeholder or house form and a second, constrained decode mended
    #: (translate/mt/redecode.py; their provenance says so first in ``issues``); not counted in ``issues``.
    redecoded: int = 0
    #: What those translations lost or got wrong: one finding each, at the catalog and entry (line as read).
    findings: list[Finding] = field(default_factory=list)

    @property
    def units(self) -> int:
        return sum(self.catalogs.values())


def pending(entry: POEntry, refresh: bool) -> bool:
    if entry.obsolete or not entry.msgid:
        return False
    if not entry.msgstr:
        return True
    if refresh and entry.fuzzy:
        mine = Provenance.of(entry)
        return mine is not None and mine.raw == entry.msgstr  # ours, and nobody edited it since
    return False


def fill(
    paths: list[Path],
    router: Router,
    refresh: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    memories: Callable[[str, str], Memory] | None = None,
    glossary: Matcher | None = None,
    second_try: bool = True,
) -> FillReport:
    """Fill the pending units of the given catalogs: translation memory first, then MT.

    A unit whose output lost a placeholder or house form is decoded once more under constraints
    (``second_try``, translate/mt/redecode.py) before what is still wrong is reported.
    """
    catalogs = [store.read(path) for path in paths]
    work: dict[tuple[str, str], list[tuple[store.Catalog, POEntry]]] = {}
    for cat in catalogs:
        src = cat.source_language
        for entry in cat.po:
            if pending(entry, refresh):
                work.setdefault((src, cat.language), []).append((cat, entry))

    report = FillReport()
    date = today()
    machine: dict[tuple[str, str], list[tuple[store.Catalog, POEntry]]] = {}
    for (src, tgt), items in work.items():
        memory = memories(src, tgt) if memories else None
        for cat, entry in items:
            match = memory.lookup(entry.msgid) if memory is not None else None
            if match is None:
                machine.setdefault((src, tgt), []).append((cat, entry))
                continue
            mark = Provenance("tm", [], [], date, match.segment.target, match.score, match.segment.origin)
            _put(entry, match.segment.target, mark, report, cat)
    chains = {pair: router.chain(*pair) for pair in machine}  # every pair must be available before any model runs

    total = sum(len(items) for items in machine.values())
    done = 0.0

    for (src, tgt), items in machine.items():
        share = 1 / len(chains[src, tgt])  # a pivoted unit is done after its second hop

        def advance(n: int, share: float = share) -> None:
            nonlocal done
            done += n * share
            if progress:
                progress(round(done), total)

        protected = [protect.protect(entry.msgid, src, tgt, glossary) for _, entry in items]
        outputs, hops = router.translate([p.text for p in protected], src, tgt, advance)
        report.pairs[f"{src}→{tgt}"] = [p.signature for p in hops]
        pivot = [p.to_code for p in hops[:-1]]
        checked = [
            _checked(output, shielded, entry.msgid, src, tgt, glossary)
            for (_, entry), shielded, output in zip(items, protected, outputs, strict=True)
        ]
        again = _second_tries(router, items, protected, outputs, checked, src, tgt, glossary) if second_try else {}
        for i, ((cat, entry), shielded) in enumerate(zip(items, protected, strict=True)):
            text, found = checked[i]
            issues = [f.message for f in found]  # the provenance keeps messages, as it always has
            if i in again:  # said first, so a reviewer knows the model was steered here
                text, found = _checked(again[i].output, shielded, entry.msgid, src, tgt, glossary)
                issues = [_steered(again[i], checked[i][1]), *(f.message for f in found)]
                report.redecoded += 1
            engine = "+".join(dict.fromkeys(p.kind for p in hops))  # "argos", "nllb", "opus-mt+argos" for a pivot
            mark = Provenance(engine, [p.signature for p in hops], pivot, date, text, issues=issues or None)
            report.issues += bool(found)
            where = {"path": str(cat.path), "line": entry.linenum or 0, "column": 0, "field": "msgstr"}
            report.findings += [dataclasses.replace(f, **where) for f in found]
            _put(entry, text, mark, report, cat)
    if not dry_run:
        # All catalogs or none, each refused if a translator saved it while the model ran.
        tx = Transaction()
        for folder in dict.fromkeys(cat.path.parent for cat in catalogs):
            clean_stale(folder)  # a killed run's temp files, even where this run has nothing left to write
        for cat in catalogs:
            if str(cat.path) in report.catalogs:
                tx.add(cat.path, store.dumps(cat.po), cat.fingerprint)
        report.written = [str(path) for path in tx.commit()]
    return report


def _checked(
    output: str, shielded: protect.Protected, source: str, src: str, tgt: str, glossary: Matcher | None
) -> tuple[str, list[Finding]]:
    """A model output with its placeholders restored, and what it lost or got wrong."""
    text, found = protect.restore(output, shielded.slots, tgt)
    return text, found + placeholders.verify(glossary, source, src, text, tgt)


def _second_tries(
    router: Router,
    items: list[tuple[store.Catalog, POEntry]],
    protected: list[protect.Protected],
    outputs: list[str],
    checked: list[tuple[str, list[Finding]]],
    src: str,
    tgt: str,
    glossary: Matcher | None,
) -> dict[int, redecode.Redecoded]:
    """The units whose output lost a placeholder or house form, decoded again (translate/mt/redecode.py).

    Only those a candidate mended come back. Re-decoded outputs are not cached: the cache keeps what the
    model gives under its plain settings. A router that cannot reach its engines (a test's) skips this.
    """
    todo = [i for i, (_, found) in enumerate(checked) if redecode.worth_a_second_try(found)]
    if not todo or not hasattr(router, "last_hop"):
        return {}
    engine, given = router.last_hop([protected[i].text for i in todo], src, tgt)
    sentences = [
        redecode.Sentence(items[i][1].msgid, text, outputs[i], protected[i].slots)
        for i, text in zip(todo, given, strict=True)
    ]
    results = redecode.retry(engine, sentences, src, tgt, glossary)
    return {i: result for i, result in zip(todo, results, strict=True) if result.redecoded}


def _steered(result: redecode.Redecoded, first: list[Finding]) -> str:
    """The provenance line of a re-decoded unit: what the first output got wrong, and what mended it."""
    how = {
        "prefix": "target_prefix",
        "bias": "prefix_bias_beta",
        "suppress": "suppress_sequences",
        "alternatives": "another hypothesis",
    }
    lost = "; ".join(f.message for f in first)
    return f"re-decoded with {how.get(result.constraint, result.constraint)} after: {lost}"


def _put(entry: POEntry, text: str, mark: Provenance, report: FillReport, cat: store.Catalog) -> None:
    """A suggestion into an entry: fuzzy, provenance replacing any earlier one of ours."""
    mark.put(entry)
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    entry.previous_msgid = None
    shown = str(cat.path)
    report.catalogs[shown] = report.catalogs.get(shown, 0) + 1
    if mark.engine == "tm":
        report.memory += 1

"""``translate score`` as a library call: score catalogs and keep the scores in them.

Each catalog is scored against the machine output its units were post-edited
from (default), a reference catalog, or a reference edition; the reference-free
QA score and an optional round-trip chrF come on top. Every scored catalog is
written in one transaction, or none.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from translate.catalog import notes, status, store
from translate.catalog.pofile import POEntry
from translate.catalog.workspace import Workspace, load_source
from translate.errors import InputError
from translate.glossary.folder import optional_matcher
from translate.quality import metrics, pairs, signals
from translate.source import article as articles
from translate.stamp import today
from translate.transaction import Transaction


@dataclass
class CatalogScore:
    catalog: str
    language: str
    source: str  # "post-edit" or "reference"
    units: int
    scores: dict[str, dict]
    below_threshold: bool
    round_trip: dict[str, dict] | None = None
    lines: list[tuple[str, dict, str]] = field(default_factory=list)  # (metric, value, what it compared)

    def as_dict(self) -> dict:
        shown = {k: v for k, v in self.__dict__.items() if k not in ("lines", "round_trip")}
        return shown | ({"round_trip": self.round_trip} if self.round_trip is not None else {})


def metric_names(option: str) -> tuple[str, ...]:
    names = tuple(m.strip().lower() for m in option.split(",") if m.strip())
    unknown = [m for m in names if m not in metrics.METRICS]
    if unknown or not names:
        raise InputError(f"unknown metric(s) {', '.join(unknown) or option!r}: use {', '.join(metrics.METRICS)}")
    return names


def score(
    ws: Workspace,
    slugs: list[str],
    langs: Iterable[str] | None = None,
    reference: Path | None = None,
    names: tuple[str, ...] = ("chrf", "ter", "qa"),
    round_trip: bool = False,
    fail_under: float | None = None,
    dry_run: bool = False,
) -> list[CatalogScore]:
    """Score the chosen catalogs; unless ``dry_run``, keep unit and corpus scores in them."""
    langs = None if langs is None else list(langs)
    edition = reference is not None and reference.suffix.lower() != ".po"
    selected = ws.walk(slugs, langs)
    if edition and (len(slugs) != 1 or not langs or len(selected) != 1):
        raise InputError("scoring against a reference edition needs one article and one --lang", reference)
    reference_catalog = store.read(reference) if reference is not None and not edition else None
    terms = optional_matcher(ws)
    loaded = [(lang, store.read(path)) for lang, path in selected]
    router = _round_trip_router(loaded) if round_trip else None
    what = "reference" if reference is not None else "post-edit"
    results = []
    scored = Transaction()  # every scored catalog or none, none over a translator's save
    for lang, current in loaded:
        if reference_catalog is not None and reference_catalog.language != lang:
            continue
        if edition:
            source = load_source(ws, ws.template_path(slugs[0]))
            compared = pairs.edition_pairs(current.po, source.units, articles.read(reference, lang))
        elif reference_catalog is not None:
            compared = pairs.reference_pairs(current.po, reference_catalog.po)
        else:
            compared = pairs.post_edit_pairs(current.po)
        corpus = metrics.score(compared, lang, names, today())
        if "qa" in names:
            mean = signals.qa(current.po, current.source_language, lang, today(), terms)
            if mean is not None:
                corpus["QA"] = mean
        back: dict[str, dict] = {}
        if router is not None:
            trip = pairs.round_trip_pairs(current.po, current.source_language, lang, router)
            back = metrics.score(trip, current.source_language, ("chrf",), today())
            notes.keep_corpus(current.po, "round-trip", back, today())
        if (corpus or back) and not dry_run:
            notes.keep_corpus(current.po, what, corpus, today())
            scored.add(current.path, store.dumps(current.po), current.fingerprint)
        first = next(iter(corpus.values()), None)
        below = fail_under is not None and first is not None and first["score"] < fail_under
        lines = [(name, value, "reference-free" if name == "QA" else what) for name, value in corpus.items()]
        lines += [(name, value, "round-trip") for name, value in back.items()]
        shown = ws.relative(current.path)
        results.append(CatalogScore(shown, lang, what, len(compared), corpus, below, back if router else None, lines))
    scored.commit()
    return results


def _round_trip_router(loaded: list[tuple[str, store.Catalog]]):
    """The MT router for translating back, refused up front when a reverse pair has no model."""
    from translate.mt.engine import Router

    router = Router()
    for lang, current in loaded:
        router.chain(lang, current.source_language)
    return router


@dataclass
class Section:
    slug: str
    lang: str
    progress: status.Progress
    scores: list[tuple[POEntry, list[notes.Score]]] = field(default_factory=list)


def sections(ws: Workspace) -> list[Section]:
    """Every translated catalog of the workspace with its progress and its current (not stale) unit scores."""
    found = []
    for template in ws.templates_of():
        pot = store.read(template)
        for lang in ws.languages:
            path = ws.catalog_path(lang, template.stem)
            if lang == pot.source_language or not os.path.lexists(path):
                continue
            po = store.read(path).po
            scored = [(e, [s for s in notes.stored(e) if not notes.is_stale(s, e)]) for e in po if not e.obsolete]
            progress = status.of_catalog(template.stem, lang, pot.source_language, po, pot.po)
            found.append(Section(template.stem, lang, progress, scored))
    return found

"""Editions: an article rebuilt in every language from its structure and catalogs.

Structure (headings, ``◆``, ``-- ``/``A: `` turn markers, images, links) comes
from the source article; text comes from the catalogs. A unit without a usable
translation falls back to the source text, marked, and is counted, so an
editor sees exactly what is missing before publishing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from translate.catalog import notes, status, store
from translate.catalog.workspace import Source, Workspace, load_source
from translate.checks import documents
from translate.checks import glossary as glossary_checks
from translate.editions.compose import Edition, compose
from translate.editions.html import to_html
from translate.editions.markdown import to_markdown
from translate.glossary.folder import optional_matcher
from translate.glossary.matcher import Matcher
from translate.model import Finding

# --- Markdown ------------------------------------------------------------------


# --- HTML ------------------------------------------------------------------------


# --- building ---------------------------------------------------------------------


def build(
    ws: Workspace,
    source: Source,
    out: Path,
    min_translated: float = 0.0,
    allow_fuzzy: bool = False,
    formats: tuple[str, ...] = ("md", "html"),
    glossary: Matcher | None = None,
    allow_glossary_violations: bool = False,
    min_score: float | None = None,
) -> list[Edition]:
    """Write every edition of one article; an edition that fails a gate is refused, not written."""
    article = source.article
    order = list(dict.fromkeys([*ws.languages, article.source_lang]))
    editions = []
    for lang in order:
        po = None
        if lang != article.source_lang:
            path = ws.catalog_path(lang, article.slug)
            po = store.read(path).po if os.path.lexists(path) else None
        edition = compose(source, lang, po, allow_fuzzy)
        if po is not None:
            edition.qa = status.mean_qa(e for e in po if not e.obsolete)
            edition.scores = notes.corpus_scores(po)
        if glossary is not None:
            edition.violations = glossary_findings(glossary, edition, ws.relative(article.path))
        if edition.percent < min_translated:
            edition.refused = f"{edition.percent:.1f}% translated, below --min-translated {min_translated:g}%"
        elif edition.violations and not allow_glossary_violations:
            edition.refused = (
                f"{len(edition.violations)} glossary violation(s); fix them or pass --allow-glossary-violations"
            )
        elif min_score is not None and po is not None and (edition.qa is None or edition.qa < min_score):
            shown = "not scored (run translate score)" if edition.qa is None else f"QA {edition.qa:.1f}"
            edition.refused = f"{shown}, below --min-score {min_score:g}"
        editions.append(edition)
    for edition in editions:
        if edition.refused:
            continue
        folder = out / edition.lang
        if "md" in formats:
            edition.outputs.append(_write(folder / f"{article.slug}.md", to_markdown(edition)))
        if "html" in formats:
            edition.outputs.append(_write(folder / f"{article.slug}.html", to_html(edition, order)))
    return editions


def build_all(
    ws: Workspace,
    slugs: Iterable[str] = (),
    out: Path | None = None,
    min_translated: float = 0.0,
    allow_fuzzy: bool = False,
    formats: tuple[str, ...] = ("md", "html"),
    allow_glossary_violations: bool = False,
    min_score: float | None = None,
) -> list[Edition]:
    """``translate build``: every edition of the chosen articles (default: all) under ``out``."""
    out = out or ws.root / ws.editions_dir
    sources = [load_source(ws, path) for path in ws.templates_of(slugs)]
    terms = optional_matcher(ws)
    built = []
    for source in sources:
        built += build(
            ws,
            source,
            out,
            min_translated=min_translated,
            allow_fuzzy=allow_fuzzy,
            formats=formats,
            glossary=terms,
            allow_glossary_violations=allow_glossary_violations,
            min_score=min_score,
        )
    return built


def glossary_findings(glossary: Matcher, edition: Edition, source: str) -> list[Finding]:
    """Variants in the text an edition would publish; positions are the units' source lines."""
    findings = []
    for text in edition.texts:
        lang = text.fallback_lang or edition.lang
        span = documents.Span(text.text, lang, source, ((0, text.unit.line, 1),))
        findings += glossary_checks.variants(glossary, span)
    return findings


def _write(path: Path, text: str) -> str:
    """One edition file: old or new bytes, refused if another run changes it meanwhile."""
    store.atomic_write(path, text.encode("utf-8"))
    return str(path)

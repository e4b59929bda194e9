"""TODO docstring."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from translate.catalog import merge, store
from translate.catalog.workspace import Workspace
from translate.errors import InputError
from translate.source import article as articles
from translate.source import identity, segment
from translate.transaction import Transaction


@dataclass
class UpdateReport:
    slug: str
    source: str
    source_lang: str
    units: int
    template_changed: bool
    languages: dict[str, merge.MergeStats]
    written: list[str]


def update(
    ws: Workspace,
    paths: Iterable[Path],
    source_lang: str | None = None,
    dry_run: bool = False,
    respelling: Callable[[str], Callable[[str, str], bool]] | None = None,
    texts: dict[Path, str] | None = None,
    tx: Transaction | None = None,
):
    """Segment articles, rewrite their templates and merge every language's catalog.

    Everything is read and checked before anything is written, so a bad
    article or catalog leaves every file as it was; the writing is one
    transaction (all files or none, none over a file changed since it was read).
    ``respelling(lang)`` tells a unit whose glossary terms were only respelled
    (its translation stays, not fuzzy). ``texts`` are articles as they are about
    to be written, and ``tx`` a transaction to join (the caller commits it).
    """
    from translate.transaction import Transaction  # here: this module's imports belong to the config code

    plans = []
    slugs: dict[str, Path] = {}
    for path in paths:
        if texts and path in texts:
            markdown = path.suffix.lower() in articles.MARKDOWN_SUFFIXES
            article = articles.parse(texts[path], path, source_lang=source_lang, markdown=markdown)
        else:
            article = articles.read(path, source_lang)
        if article.slug in slugs:
            raise InputError(f"slug {article.slug!r} is also used by {slugs[article.slug]}", path)
        slugs[article.slug] = path
        source = ws.relative(path)
        pot_path = ws.template_path(article.slug)
        previous = store.read(pot_path) if os.path.lexists(pot_path) else None
        if previous and previous.po.metadata.get("X-Source-File", source) != source:
            raise InputError(
                f"slug {article.slug!r} already belongs to {previous.po.metadata['X-Source-File']}"
                " (set another 'slug:' in the front matter)",
                path,
            )
        known = [(e.msgctxt, e.msgid) for e in previous.entries] if previous else []
        units = identity.assign(segment.units(article), known)
        pot = merge.template(article, units, source, previous)
        merges = []
        for lang in ws.targets(article):
            current = store.read_or_new(ws.catalog_path(lang, article.slug))
            same_meaning = respelling(article.source_lang) if respelling else None
            merged, stats = merge.merge(current, pot, lang, same_meaning)
            merges.append((lang, current, merged, stats))
        plans.append((article, source, units, previous, pot_path, pot, merges))

    # One transaction over every template and catalog: all are written or none (a catalog saved
    # in an editor meanwhile, or a folder we cannot write, refuses the whole update).
    joined = tx is not None
    tx = tx or Transaction()
    for _article, _source, _units, previous, pot_path, pot, merges in plans:
        tx.add(pot_path, store.dumps(pot), previous.fingerprint if previous else None)
        for _lang, current, merged, _stats in merges:
            tx.add(current.path, store.dumps(merged), current.fingerprint)
    changed = set(tx.changes() if dry_run or joined else tx.commit())

    reports = []
    for article, source, units, _previous, pot_path, _pot, merges in plans:
        written = [ws.relative(p) for p in (pot_path, *(m[1].path for m in merges)) if p in changed]
        reports.append(
            UpdateReport(
                slug=article.slug,
                source=source,
                source_lang=article.source_lang,
                units=len(units),
                template_changed=pot_path in changed,
                languages={lang: stats for lang, _, _, stats in merges},
                written=written,
            )
        )
    return reports

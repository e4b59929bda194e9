"""``translate update``: articles → templates → every language's catalog, merged as msgmerge does."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from translate import freshness
from translate.catalog import merge, store
from translate.catalog.pofile import POFile
from translate.catalog.workspace import Workspace
from translate.errors import InputError
from translate.model import Article, Unit
from translate.source import article as articles
from translate.source import identity, segment
from translate.transaction import Transaction, clean_stale


@dataclass
class UpdateReport:
    slug: str
    source: str
    source_lang: str
    units: int
    template_changed: bool
    languages: dict[str, merge.MergeStats]
    written: list[str]
    skipped: bool = False  # unchanged since the last update, by content: nothing was read beyond the article

    def as_dict(self, dry_run: bool = False) -> dict:
        """For ``--json``; a dry run lists what it ``would_write`` where a real one says ``written``."""
        return {
            "slug": self.slug,
            "source": self.source,
            "source_language": self.source_lang,
            "units": self.units,
            "would_write" if dry_run else "written": self.written,
            "languages": {
                lang: {
                    "kept": s.kept,
                    "respelled": s.respelled,
                    "fuzzy": s.fuzzy,
                    "edited": s.edited,
                    "new": s.new,
                    "obsolete": s.obsoleted,
                    "restored": s.revived,
                }
                for lang, s in self.languages.items()
            },
        }


@dataclass
class _Merged:
    """One language's catalog as read, and as the merge leaves it."""

    lang: str
    current: store.Catalog
    merged: POFile
    stats: merge.MergeStats


@dataclass
class _Plan:
    """Everything one article's update will write, computed before anything is."""

    article: Article
    source: str  # the article's path as the template records it
    units: list[Unit]
    previous: store.Catalog | None
    pot_path: Path
    pot: POFile
    merges: list[_Merged]


def out_of_date(ws: Workspace, reports: list[UpdateReport]) -> list[tuple[str, str]]:
    """What ``translate update --check`` lists: (file, why) for every template and catalog a dry run
    would write ("missing", "out of date"), and templates whose article is gone ("article deleted")."""
    stale = [
        (path, "out of date" if os.path.lexists(ws.root / path) else "missing")
        for report in reports
        for path in report.written
    ]
    current = {ws.template_path(report.slug) for report in reports}  # their article is there: it was just read
    for template in ws.templates():
        if template in current:
            continue
        source = store.read(template).po.metadata.get("X-Source-File", "")
        if source and not os.path.lexists(ws.root / source):
            stale.append((ws.relative(template), f"its article {source} is gone (restore it, or delete its catalogs)"))
    return stale


def update(
    ws: Workspace,
    paths: Iterable[Path] | None = None,
    source_lang: str | None = None,
    dry_run: bool = False,
    respelling: Callable[[str], Callable[[str, str], bool] | None] | None = None,
    texts: dict[Path, str] | None = None,
    tx: Transaction | None = None,
    force: bool = False,
) -> list[UpdateReport]:
    """Segment articles (default: every article of the workspace), rewrite their templates and merge
    every language's catalog.

    Everything is read and checked before anything is written, so a bad
    article or catalog leaves every file as it was; the writing is one
    transaction (all files or none, none over a file changed since it was read).
    ``respelling(lang)`` tells a unit whose glossary terms were only respelled
    (its translation stays, not fuzzy). ``texts`` are articles as they are about
    to be written, and ``tx`` a transaction to join (the caller commits it).

    An article whose text, catalogs, glossary and settings are as the last
    update left them is not read again (translate/freshness.py), unless ``force``.
    """
    paths = list(paths) if paths else ws.article_files()
    if not paths:
        raise InputError(f"no articles found in {ws.root / ws.articles_dir}")
    ledger = freshness.Ledger(ws.cache_folder() / "update.json", ws.root)
    settings = _settings(ws, ledger, source_lang, respelling is not None)
    plans: list[_Plan] = []
    unchanged: list[UpdateReport] = []
    slugs: dict[str, Path] = {}
    for path in paths:
        inputs = freshness.digest([settings, freshness.file_digest(path)])
        record = None if force or (texts and path in texts) else ledger.fresh(ws.relative(path), inputs)
        if record is not None:
            unchanged.append(_replayed(record, ws.relative(path)))
            slugs[record["slug"]] = path
            continue
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
            merges.append(_Merged(lang, current, *merge.merge(current, pot, lang, same_meaning)))
        plans.append(_Plan(article, source, units, previous, pot_path, pot, merges))

    # One transaction over every template and catalog: all are written or none (a catalog saved
    # in an editor meanwhile, or a folder we cannot write, refuses the whole update).
    joined = tx is not None
    tx = Transaction() if tx is None else tx
    for plan in plans:
        tx.add(plan.pot_path, store.dumps(plan.pot), plan.previous.fingerprint if plan.previous else None)
        for m in plan.merges:
            tx.add(m.current.path, store.dumps(m.merged), m.current.fingerprint)
    changed = set(tx.changes() if dry_run or joined else tx.commit())
    if not dry_run and not joined:
        _remember(ws, ledger, plans, settings)
        for folder in dict.fromkeys(ws.catalog_path(lang, r.slug).parent for r in unchanged for lang in r.languages):
            clean_stale(folder)  # a killed run's temp files beside catalogs this run did not need to write

    reports = []
    for plan in plans:
        paths_written = (plan.pot_path, *(m.current.path for m in plan.merges))
        reports.append(
            UpdateReport(
                slug=plan.article.slug,
                source=plan.source,
                source_lang=plan.article.source_lang,
                units=len(plan.units),
                template_changed=plan.pot_path in changed,
                languages={m.lang: m.stats for m in plan.merges},
                written=[ws.relative(p) for p in paths_written if p in changed],
            )
        )
    order = {ws.relative(path): i for i, path in enumerate(paths)}
    return sorted(reports + unchanged, key=lambda r: order.get(r.source, 0))


def _settings(ws: Workspace, ledger: freshness.Ledger, source_lang: str | None, respelling: bool) -> str:
    """Everything besides the article that decides its template and catalogs."""
    glossary = sorted(p for p in (ws.root / ws.glossary_dir).glob("*") if p.is_file()) if respelling else []
    return freshness.digest([freshness.toolkit(), ws.settings(), str(source_lang), ledger.files(glossary)])


def _remember(ws: Workspace, ledger: freshness.Ledger, plans: list[_Plan], settings: str) -> None:
    """After a committed update: each article's inputs and the files it left, for the next run to skip."""
    for plan in plans:
        key = ws.relative(plan.article.path)
        inputs = freshness.digest([settings, freshness.file_digest(plan.article.path)])
        outputs = [plan.pot_path, *(m.current.path for m in plan.merges)]
        done = {"slug": plan.article.slug, "language": plan.article.source_lang, "units": len(plan.units)}
        ledger.keep(key, inputs, outputs, **done, targets=[m.lang for m in plan.merges])
    ledger.save()


def _replayed(record: dict, source: str) -> UpdateReport:
    """What an update of an unchanged article reports: every unit kept, nothing written."""
    return UpdateReport(
        slug=record["slug"],
        source=source,
        source_lang=record["language"],
        units=record["units"],
        template_changed=False,
        languages={lang: merge.MergeStats(kept=record["units"]) for lang in record["targets"]},
        written=[],
        skipped=True,
    )

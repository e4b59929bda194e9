"""A workspace: where articles, catalogs and editions live, and which languages it publishes.

Configured by an optional ``translate.toml`` at its root::

    [workspace]
    languages = ["en", "ko", "ja"]   # every article is published in all of them
    articles = "articles"
    locales = "locales"
    editions = "build/editions"
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from translate import article as articles
from translate import catalog, identity, languages, segment
from translate.errors import InputError
from translate.model import Article, Unit

CONFIG = "translate.toml"
_KEYS = {"languages", "articles", "locales", "editions", "glossary"}


@dataclass(frozen=True)
class Workspace:
    root: Path
    languages: tuple[str, ...] = languages.DEFAULT_LANGUAGES
    articles_dir: Path = Path("articles")
    locales_dir: Path = Path("locales")
    editions_dir: Path = Path("build/editions")
    glossary_dir: Path = Path("glossary")

    @classmethod
    def load(cls, start: Path | None = None) -> Workspace:
        """The workspace holding ``start`` (the nearest translate.toml above it, else ``start``)."""
        start = (start or Path.cwd()).resolve()
        root = next((d for d in (start, *start.parents) if (d / CONFIG).is_file()), None)
        if root is None:
            return cls(root=start)
        path = root / CONFIG
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read workspace configuration: {exc}", path) from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"bad workspace configuration: {exc}", path, getattr(exc, "lineno", None)) from None
        section = data.get("workspace", {})
        unknown = set(section) - _KEYS
        if unknown or not isinstance(section, dict):
            raise InputError(f"unknown setting(s) in [workspace]: {', '.join(sorted(unknown))}", path)
        langs = section.get("languages", list(languages.DEFAULT_LANGUAGES))
        if not isinstance(langs, list) or not langs:
            raise InputError('[workspace] languages must be a list like ["en", "ko", "ja"]', path)
        codes = tuple(dict.fromkeys(languages.validate(str(c), str(path)) for c in langs))
        return cls(
            root=root,
            languages=codes,
            articles_dir=Path(section.get("articles", "articles")),
            locales_dir=Path(section.get("locales", "locales")),
            editions_dir=Path(section.get("editions", "build/editions")),
            glossary_dir=Path(section.get("glossary", "glossary")),
        )

    # --- paths ---------------------------------------------------------------

    def template_path(self, slug: str) -> Path:
        return self.root / self.locales_dir / "templates" / f"{slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.root / self.locales_dir / lang / f"{slug}.po"

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.resolve().as_posix()

    def article_files(self) -> list[Path]:
        folder = self.root / self.articles_dir
        suffixes = articles.MARKDOWN_SUFFIXES + articles.TEXT_SUFFIXES
        return sorted(p for p in folder.glob("*") if p.suffix.lower() in suffixes and p.is_file())

    def catalogs(self) -> list[Path]:
        """Every template and language catalog, templates first."""
        locales = self.root / self.locales_dir
        return self.templates() + sorted(p for p in locales.glob("*/*.po") if p.parent.name != "templates")

    def templates(self) -> list[Path]:
        return sorted((self.root / self.locales_dir / "templates").glob("*.pot"))

    def targets(self, article: Article) -> list[str]:
        return [lang for lang in self.languages if lang != article.source_lang]

    def check_language(self, lang: str) -> str:
        code = languages.validate(lang)
        if code not in self.languages:
            raise InputError(f"language {code!r} is not one of this workspace's: {', '.join(self.languages)}")
        return code


@dataclass(frozen=True)
class Source:
    """An article as the catalogs know it: parsed, segmented, identified."""

    article: Article
    units: list[Unit]
    template: catalog.Catalog


def load_source(ws: Workspace, template_path: Path) -> Source:
    """Re-read the article behind a template and check the template is up to date."""
    template = catalog.read(template_path)
    source_file = template.po.metadata.get("X-Source-File")
    if not source_file:
        raise InputError("template has no X-Source-File header; run translate update on its article", template_path)
    article = articles.read(ws.root / source_file, template.po.metadata.get("X-Source-Language"))
    known = [(e.msgctxt, e.msgid) for e in template.entries]
    units = identity.assign(segment.units(article), known)
    if [(u.id, u.text) for u in units] != known:
        raise InputError(
            f"article changed since its catalogs were updated; run: translate update {source_file}",
            ws.root / source_file,
        )
    return Source(article, units, template)


@dataclass
class UpdateReport:
    slug: str
    source: str
    source_lang: str
    units: int
    template_changed: bool
    languages: dict[str, catalog.MergeStats]
    written: list[str]


def update(ws: Workspace, paths: Iterable[Path], source_lang: str | None = None, dry_run: bool = False):
    """Segment articles, rewrite their templates and merge every language's catalog.

    Everything is read and checked before anything is written, so a bad
    article or catalog leaves every file as it was; the writing is one
    transaction (all files or none, none over a file changed since it was read).
    """
    from translate.transaction import Transaction  # here: this module's imports belong to the config code

    plans = []
    slugs: dict[str, Path] = {}
    for path in paths:
        article = articles.read(path, source_lang)
        if article.slug in slugs:
            raise InputError(f"slug {article.slug!r} is also used by {slugs[article.slug]}", path)
        slugs[article.slug] = path
        source = ws.relative(path)
        pot_path = ws.template_path(article.slug)
        previous = catalog.read(pot_path) if pot_path.exists() else None
        if previous and previous.po.metadata.get("X-Source-File", source) != source:
            raise InputError(
                f"slug {article.slug!r} already belongs to {previous.po.metadata['X-Source-File']}"
                " (set another 'slug:' in the front matter)",
                path,
            )
        known = [(e.msgctxt, e.msgid) for e in previous.entries] if previous else []
        units = identity.assign(segment.units(article), known)
        pot = catalog.template(article, units, source, previous)
        merges = []
        for lang in ws.targets(article):
            current = catalog.read_or_new(ws.catalog_path(lang, article.slug))
            merged, stats = catalog.merge(current, pot, lang)
            merges.append((lang, current, merged, stats))
        plans.append((article, source, units, previous, pot_path, pot, merges))

    # One transaction over every template and catalog: all are written or none (a catalog saved
    # in an editor meanwhile, or a folder we cannot write, refuses the whole update).
    tx = Transaction()
    for _article, _source, _units, previous, pot_path, pot, merges in plans:
        tx.add(pot_path, catalog.dumps(pot), previous.fingerprint if previous else None)
        for _lang, current, merged, _stats in merges:
            tx.add(current.path, catalog.dumps(merged), current.fingerprint)
    changed = set(tx.changes() if dry_run else tx.commit())

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

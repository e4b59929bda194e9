"""Editions: an article rebuilt in every language from its structure and catalogs.

Structure (headings, ``◆``, ``-- ``/``A: `` turn markers, images, links) comes
from the source article; text comes from the catalogs. A unit without a usable
translation falls back to the source text, marked, and is counted, so an
editor sees exactly what is missing before publishing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from translate import files, freshness
from translate.catalog import notes, store
from translate.catalog.workspace import Source, Workspace, load_source
from translate.checks import documents
from translate.checks import glossary as glossary_checks
from translate.editions.compose import Edition, compose, mean_qa
from translate.editions.html import Links, Template, image_source, photo_file, to_html
from translate.editions.markdown import to_markdown
from translate.errors import InputError
from translate.glossary.folder import optional_matcher
from translate.glossary.matcher import Matcher
from translate.model import BlockKind, Finding
from translate.transaction import Transaction, write_output


@dataclass(frozen=True)
class Gates:
    """What an edition must meet to be published; each refusal names the option that would let it through."""

    min_translated: float = 0.0  # percent of units shown in the edition's language
    min_score: float | None = None  # mean QA of the units the edition publishes
    allow_fuzzy: bool = False  # publish fuzzy translations (a person's, for an older source)
    allow_mt: bool = False  # publish unreviewed translate mt drafts (machine or memory)
    allow_glossary_violations: bool = False


def build(
    ws: Workspace,
    source: Source,
    out: Path,
    gates: Gates = Gates(),
    formats: tuple[str, ...] = ("md", "html"),
    glossary: Matcher | None = None,
    base_url: str = "",
    template: Template | None = None,
    tx: Transaction | None = None,
) -> list[Edition]:
    """Every edition of one article: refused ones are not written (and their old files go), the others
    are added to ``tx`` (committed here when none is given), each with the photos it shows beside it."""
    article = source.article
    order = list(dict.fromkeys([*ws.languages, article.source_lang]))
    editions = [_gated(ws, source, lang, gates, glossary) for lang in order]
    published = tuple(e.lang for e in editions if not e.refused)
    links = Links(article.slug, published, article.source_lang, base_url)
    readings = _readings(glossary) if glossary is not None else {}
    own = tx is None
    tx = Transaction() if tx is None else tx
    photos, skipped = _photos(ws, source)
    for edition in editions:
        folder = out / edition.lang
        if edition.refused:
            for stale in (folder / f"{article.slug}.md", folder / f"{article.slug}.html"):
                if stale.is_file():
                    stale.unlink()  # a generated file: a refused edition must not go on being served
            continue
        if "md" in formats:
            edition.outputs.append(_add(tx, folder / f"{article.slug}.md", to_markdown(edition, ws.editions.interview)))
        if "html" in formats:
            page = to_html(edition, links, template, ws.editions.interview, readings, ws.editions.readings)
            edition.outputs.append(_add(tx, folder / f"{article.slug}.html", page))
        edition.warnings += skipped
        for name, data in photos.items():
            tx.add_output(folder / name, data)
    if own:
        tx.commit()
    return editions


def _gated(ws: Workspace, source: Source, lang: str, gates: Gates, glossary: Matcher | None) -> Edition:
    """One edition composed, scored over what it publishes, and refused when a gate says so."""
    article = source.article
    po = None
    if lang != article.source_lang:
        path = ws.catalog_path(lang, article.slug)
        po = store.read(path).po if os.path.lexists(path) else None
    edition = compose(source, lang, po, gates.allow_fuzzy, gates.allow_mt)
    if po is not None:
        edition.qa = mean_qa(edition)
        edition.scores = notes.corpus_scores(po)
    if glossary is not None:
        edition.violations = glossary_findings(glossary, edition, ws.relative(article.path))
    if edition.percent < gates.min_translated:
        edition.refused = f"{edition.percent:.1f}% translated, below --min-translated {gates.min_translated:g}%"
    elif edition.violations and not gates.allow_glossary_violations:
        edition.refused = (
            f"{len(edition.violations)} glossary violation(s); fix them or pass --allow-glossary-violations"
        )
    elif (floor := gates.min_score) is not None and po is not None and (edition.qa is None or edition.qa < floor):
        if edition.qa is None:
            edition.refused = f"not scored (run translate score); --min-score {gates.min_score:g} needs a score"
        else:
            edition.refused = f"QA {edition.qa:.1f}, below --min-score {gates.min_score:g}"
    return edition


def _photos(ws: Workspace, source: Source) -> tuple[dict[str, bytes], list[str]]:
    """The photos to copy beside each edition (by the name the page uses) and why any is not copied.

    Only regular files in the article's folder or below it are copied: a symbolic link, a path
    out of the folder or an absolute one is named in a warning and the page links it as written.
    """
    found: dict[str, bytes] = {}
    warnings: list[str] = []
    folder = source.article.path.parent
    shown = ws.relative(source.article.path)
    for name in _photo_names(source):
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts:
            warnings.append(f"photo {name} is outside the article's folder: not copied ({shown})")
            continue
        path = folder / relative
        if any(p.is_symlink() for p in (path, *path.parents) if p.is_relative_to(folder) and p != folder):
            warnings.append(f"photo {name} is a symbolic link: not copied ({shown})")
        elif not os.path.lexists(path):
            warnings.append(f"photo {name} not found beside the article ({shown})")
        else:
            try:
                found[relative.as_posix()] = files.read_bytes(path, "photo", files.PHOTO_LIMIT, InputError)
            except InputError as exc:
                warnings.append(f"photo {name} not copied: {exc.message} ({shown})")
    return found, warnings


def _photo_names(source: Source) -> list[str]:
    """The photos an article shows, as written (addresses on the web are linked as they are, not copied)."""
    names = []
    for block in source.article.blocks:
        if block.kind is BlockKind.CAPTION and block.suffix:
            name = photo_file(image_source(block))
            if name is not None:
                names.append(name)
    return names


def _readings(glossary: Matcher) -> dict[str, str]:
    """Kanji → katakana for the Korean people and places the glossary gives a Japanese reading."""
    return {
        term.forms["ja"].preferred: term.forms["ja"].reading
        for term in glossary.glossary
        if term.type in ("person", "place") and "ko" in term.forms and "ja" in term.forms and term.forms["ja"].reading
    }


def build_all(
    ws: Workspace,
    slugs: Iterable[str] = (),
    out: Path | None = None,
    gates: Gates = Gates(),
    formats: tuple[str, ...] = ("md", "html"),
    base_url: str | None = None,
    force: bool = False,
) -> list[dict]:
    """``translate build``: every edition of the chosen articles (default: all) under ``out``, in one
    transaction, and with a base URL (``--base-url`` or [editions] base-url) a sitemap of them all.

    Returns each edition's summary (what ``--json`` prints). An article whose inputs are as at
    the last build and whose editions are still as written is not built again (translate/freshness.py):
    its summaries are those of that build, unless ``force``.
    """
    out = out or ws.root / ws.editions_dir
    base_url = ws.editions.base_url if base_url is None else base_url
    ledger = freshness.Ledger(ws.cache_folder() / "build.json", ws.root)
    settings = _settings(ws, ledger, out, gates, formats, base_url)
    terms: list[Matcher | None] = []  # the glossary, loaded when the first article must be built
    template = _template(ws)
    tx = Transaction()
    built: list[tuple[Path, list[Edition], list[Path], list[Path]]] = []
    summaries = []
    for path in ws.templates_of(slugs):
        record = None if force else ledger.records.get(ws.relative(path))
        if record is not None and ledger.fresh(
            ws.relative(path), _inputs(ledger, settings, path, record.get("reads", []))
        ):
            summaries += record["editions"]
            continue
        source = load_source(ws, path)
        if not terms:
            terms.append(optional_matcher(ws))
        editions = build(ws, source, out, gates, formats, terms[0], base_url, template, tx)
        photos = [out / e.lang / name for e in editions if not e.refused for name in _photo_names(source)]
        built.append((path, editions, _reads(ws, source), photos))
        summaries += [e.summary() for e in editions]
    tx.commit()
    for path, editions, reads, photos in built:
        written = [*(Path(p) for e in editions for p in e.outputs), *photos]
        ledger.keep(
            ws.relative(path),
            _inputs(ledger, settings, path, reads),
            written,
            reads=[ledger.name(p) for p in reads],
            editions=[e.summary() for e in editions],
        )
    ledger.save()
    if "html" in formats:
        _sitemap(out, base_url, ws.languages)
    return summaries


def _settings(
    ws: Workspace, ledger: freshness.Ledger, out: Path, gates: Gates, formats: tuple[str, ...], base_url: str
) -> str:
    """Everything besides an article and its catalogs that decides its editions."""
    glossary = sorted(p for p in (ws.root / ws.glossary_dir).glob("*") if p.is_file())
    template = ws.root / ws.editions.template if ws.editions.template else None
    beside = sorted(p for p in template.parent.glob("*") if p.is_file()) if template else []  # includes
    parts = [freshness.toolkit(), ws.settings(), repr(gates), repr(formats), base_url, ledger.name(out)]
    return freshness.digest([*parts, ledger.files(glossary), ledger.files(beside)])


def _reads(ws: Workspace, source: Source) -> list[Path]:
    """The files an article's editions are made of, besides its template: the article, catalogs, photos."""
    catalogs = [ws.catalog_path(lang, source.article.slug) for lang in ws.languages]
    folder = source.article.path.parent
    photos = [folder / name for name in _photo_names(source)]
    return [source.article.path, *catalogs, *photos]


def _inputs(ledger: freshness.Ledger, settings: str, template: Path, reads: Iterable[str | Path]) -> str:
    """The template's content decides which files the rest are, so the record's list is the one to hash."""
    files = [ledger.root / p for p in reads]
    return freshness.digest([settings, freshness.file_digest(template), ledger.files(files)])


def _sitemap(out: Path, base_url: str, order: Iterable[str]) -> None:
    """A sitemap of what is published now; without a base URL there can be none (its links are absolute)."""
    target = out / "sitemap.xml"
    if base_url:
        write_output(target, sitemap(out, base_url, order).encode("utf-8"))
    elif target.is_file() and not target.is_symlink():
        target.unlink()  # generated by an earlier build with a base URL: it would list stale pages


def _template(ws: Workspace) -> Template | None:
    if ws.editions.template is None:
        return None
    path = ws.root / ws.editions.template
    text = files.read_text(path, "page template", files.TEXT_LIMIT, InputError)
    return Template(path, text)


def _source_language(page: Path) -> str:
    """The edition a page names as x-default (the source edition), as the page itself says."""
    m = re.search(r'hreflang="x-default" href="[^"]*/([\w-]+)/[^"/]+\.html"', page.read_text(encoding="utf-8"))
    return m.group(1) if m else ""


def sitemap(out: Path, base_url: str, order: Iterable[str]) -> str:
    """Every HTML edition under ``out``, each with its siblings as hreflang alternates (sitemaps.org)."""
    by_slug: dict[str, list[str]] = {}
    for lang in order:
        for page in sorted((out / lang).glob("*.html")) if (out / lang).is_dir() else []:
            by_slug.setdefault(page.stem, []).append(lang)
    root = base_url.rstrip("/")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for slug, langs in sorted(by_slug.items()):
        source = _source_language(out / langs[0] / f"{slug}.html")
        alternates = [(other, other) for other in langs] + ([("x-default", source)] if source in langs else [])
        for lang in langs:
            lines.append(f"  <url><loc>{escape(f'{root}/{lang}/{slug}.html')}</loc>")
            lines += [
                f'    <xhtml:link rel="alternate" hreflang="{code}" href="{escape(f"{root}/{other}/{slug}.html")}"/>'
                for code, other in alternates
            ]
            lines.append("  </url>")
    return "\n".join([*lines, "</urlset>", ""])


def glossary_findings(glossary: Matcher, edition: Edition, source: str) -> list[Finding]:
    """Variants in the text an edition would publish; positions are the units' source lines."""
    findings = []
    for text in edition.texts:
        lang = text.fallback_lang or edition.lang
        span = documents.Span(text.text, lang, source, ((0, text.unit.line, 1),))
        findings += glossary_checks.variants(glossary, span)
    return findings


def _add(tx: Transaction, path: Path, text: str) -> str:
    """One edition file into the build's transaction: old or new bytes, refused if changed meanwhile."""
    tx.add_output(path, text.encode("utf-8"))
    return str(path)

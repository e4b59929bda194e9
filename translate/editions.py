"""Editions: an article rebuilt in every language from its structure and catalogs.

Structure (headings, ``◆``, ``-- ``/``A: `` turn markers, images, links) comes
from the source article; text comes from the catalogs. A unit without a usable
translation falls back to the source text, marked, and is counted, so an
editor sees exactly what is missing before publishing.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel.dates import format_date
from markdown_it import MarkdownIt

from translate import catalog, checks, languages, markup, quality, status
from translate.matcher import Matcher
from translate.model import Block, BlockKind, Finding, Unit
from translate.workspace import Source, Workspace


@dataclass
class Text:
    """One unit's text in an edition."""

    unit: Unit
    text: str
    fallback: bool = False  # the source text stands in for a missing translation
    fuzzy: bool = False  # a fuzzy translation used because --allow-fuzzy
    problem: str = ""
    fallback_lang: str = ""  # the language the text is in when it is a fallback


@dataclass
class Edition:
    slug: str
    lang: str
    source_lang: str
    title: str
    texts: list[Text]
    blocks: tuple[Block, ...]
    date: object = None
    outputs: list[str] = field(default_factory=list)
    refused: str = ""
    violations: list[Finding] = field(default_factory=list)  # glossary findings in the edition's text
    qa: float | None = None  # mean QA score of the units scored and not edited since
    scores: dict[str, dict] = field(default_factory=dict)  # corpus scores kept in the catalog, marked stale

    @property
    def is_source(self) -> bool:
        return self.lang == self.source_lang

    @property
    def translated(self) -> int:
        return sum(not t.fallback for t in self.texts)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / len(self.texts) if self.texts else 100.0

    def summary(self) -> dict:
        return {
            "slug": self.slug,
            "language": self.lang,
            "source": self.is_source,
            "units": len(self.texts),
            "translated": self.translated,
            "fuzzy_used": sum(t.fuzzy for t in self.texts),
            "fallback": [
                {"id": t.unit.id, "line": t.unit.line, "source": t.unit.text, "problem": t.problem}
                for t in self.texts
                if t.fallback
            ],
            "percent": round(self.percent, 1),
            "outputs": self.outputs,
            "refused": self.refused or None,
            "qa": self.qa,
            "scores": self.scores,
            "glossary": [
                {"line": f.line, "term": f.term, "found": f.found, "expected": f.expected, "language": f.lang}
                for f in self.violations
            ],
        }


def compose(source: Source, lang: str, po: polib.POFile | None, allow_fuzzy: bool = False) -> Edition:
    """Pick the text of every unit for one language."""
    article = source.article
    entries = {e.msgctxt: e for e in po if not e.obsolete} if po is not None else {}
    texts = []
    for unit in source.units:
        if lang == article.source_lang:
            texts.append(Text(unit, unit.text))
            continue
        entry = entries.get(unit.id)
        texts.append(_choose(unit, entry, allow_fuzzy, article.source_lang))
    return Edition(
        slug=article.slug,
        lang=lang,
        source_lang=article.source_lang,
        title=article.title,
        texts=texts,
        blocks=article.blocks,
        date=article.date,
    )


def _choose(unit: Unit, entry: polib.POEntry | None, allow_fuzzy: bool, source_lang: str) -> Text:
    problem = ""
    if entry is None or entry.msgid != unit.text:
        problem = "catalog not updated (run translate update)"
    elif not entry.msgstr:
        problem = "untranslated"
    elif entry.fuzzy and not allow_fuzzy:
        problem = "fuzzy"
    elif markup.placeholders(entry.msgstr) != markup.placeholders(unit.text):
        problem = "translation does not keep the link placeholders"
    if problem:
        return Text(unit, unit.text, fallback=True, problem=problem, fallback_lang=source_lang)
    return Text(unit, entry.msgstr, fuzzy=entry.fuzzy)


# --- Markdown ------------------------------------------------------------------


def _block_texts(edition: Edition) -> dict[int, list[Text]]:
    grouped: dict[int, list[Text]] = {}
    for text in edition.texts:
        grouped.setdefault(text.unit.block, []).append(text)
    return grouped


def _inline(edition: Edition, texts: list[Text], piece=lambda text, markdown: markdown) -> str:
    """Join a block's sentences in the edition's language, links restored.

    ``piece(text, markdown)`` turns one sentence into output (marking a fallback,
    rendering HTML); sentences in a fallback language are spaced as that language is.
    """
    joiner = languages.sentence_joiner(edition.lang)
    spaced = languages.sentence_joiner(edition.source_lang)
    out = ""
    for i, text in enumerate(texts):
        if i:
            out += spaced if (text.fallback or texts[i - 1].fallback) and spaced else joiner
        out += piece(text, markup.restore(text.text, text.unit.links))
    return out


def _mark_markdown(text: Text, markdown: str) -> str:
    if not text.fallback:
        return markdown
    return f'<span class="untranslated" lang="{text.fallback_lang}">{markdown}</span>'


def dateline(edition: Edition) -> str:
    return format_date(edition.date, "long", locale=edition.lang) if edition.date else ""


def to_markdown(edition: Edition) -> str:
    grouped = _block_texts(edition)
    title = _inline(edition, grouped.get(_title_block(edition), [])) or edition.slug
    lines = [
        "---",
        f"title: {_yaml_string(title)}",
        f"lang: {edition.lang}",
        f"slug: {edition.slug}",
    ]
    if edition.date:
        lines.append(f"date: {edition.date.isoformat()}")
    if not edition.is_source:
        lines.append(f"translation_of: {edition.source_lang}")
        lines.append(f"translated: {edition.percent:.1f}")
    lines.append("---")
    out = ["\n".join(lines)]
    byline = [t for b, ts in grouped.items() if edition.blocks[b].kind is BlockKind.BYLINE for t in ts]
    for number, block in enumerate(edition.blocks):
        if block.kind is BlockKind.BYLINE:
            continue
        if not block.kind.translatable:
            out.append(block.text)
            continue
        # Alt text cannot hold markup: an untranslated caption is reported, not marked.
        texts = grouped.get(number, [])
        text = _inline(edition, texts) if block.suffix.startswith("](") else _inline(edition, texts, _mark_markdown)
        if block.kind is BlockKind.TITLE:
            out.append((block.prefix or "# ") + text)
            meta = [_inline(edition, byline, _mark_markdown)] if byline else []
            meta += [dateline(edition)] if edition.date else []
            if meta:
                out.append("*" + " · ".join(meta) + "*")
            continue
        out.append(block.prefix + text + block.suffix)
    return "\n\n".join(out).rstrip("\n") + "\n"


def _title_block(edition: Edition) -> int:
    return next((i for i, b in enumerate(edition.blocks) if b.kind is BlockKind.TITLE), -1)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- HTML ------------------------------------------------------------------------

# Raw HTML in a translation is shown as text, never injected into the page.
_MD = MarkdownIt("commonmark", {"html": False})

_STYLE = """body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.7}
nav.editions{font-size:.9rem;margin-bottom:2rem}nav.editions a,nav.editions strong{margin-right:1rem}
.dateline{color:#555}.question{font-weight:bold}.section{margin-top:2.5rem}
figure{margin:1.5rem 0}figcaption,.caption{color:#555;font-size:.9rem}
.untranslated{background:#fff3c4;outline:1px dotted #c90}"""


def _html_piece(text: Text, markdown: str) -> str:
    rendered = _MD.renderInline(markdown)
    if not text.fallback:
        return rendered
    return f'<span class="untranslated" lang="{text.fallback_lang}" title="not translated yet">{rendered}</span>'


def to_html(edition: Edition, languages_in_order: list[str]) -> str:
    grouped = _block_texts(edition)
    lang = edition.lang

    def inline(number: int) -> str:
        return _inline(edition, grouped.get(number, []), _html_piece)

    title_html = inline(_title_block(edition)) if _title_block(edition) >= 0 else html.escape(edition.slug)
    head_links = "\n".join(
        f'<link rel="alternate" hreflang="{code}" href="../{code}/{edition.slug}.html">' for code in languages_in_order
    )
    nav = " ".join(
        f"<strong>{html.escape(languages.display_name(code))}</strong>"
        if code == lang
        else f'<a href="../{code}/{edition.slug}.html" hreflang="{code}" lang="{code}">'
        f"{html.escape(languages.display_name(code))}</a>"
        for code in languages_in_order
    )
    body: list[str] = []
    open_list = ""
    byline = [t for b, ts in grouped.items() if edition.blocks[b].kind is BlockKind.BYLINE for t in ts]
    for number, block in enumerate(edition.blocks):
        kind = block.kind
        list_tag = ("ol" if block.prefix.strip()[:1].isdigit() else "ul") if kind is BlockKind.LIST_ITEM else ""
        if open_list and list_tag != open_list:
            body.append(f"</{open_list}>")
            open_list = ""
        if list_tag and not open_list:
            body.append(f"<{list_tag}>")
            open_list = list_tag
        body.append(_block_html(edition, number, block, inline, byline))
    if open_list:
        body.append(f"</{open_list}>")
    title_text = html.escape(_inline(edition, grouped.get(_title_block(edition), [])))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title_text or html.escape(edition.slug)}</title>
{head_links}
<style>{_STYLE}</style>
</head>
<body>
<nav class="editions" aria-label="{html.escape(languages.display_name(lang))}">{nav}</nav>
<article>
<h1>{title_html}</h1>
{chr(10).join(b for b in body if b)}
</article>
</body>
</html>
"""


def _block_html(edition: Edition, number: int, block: Block, inline, byline: list[Text]) -> str:
    kind = block.kind
    if kind is BlockKind.TITLE:
        meta = [_inline(edition, byline, _html_piece)] if byline else []
        if edition.date:
            meta.append(f'<time datetime="{edition.date.isoformat()}">{html.escape(dateline(edition))}</time>')
        return f'<p class="dateline">{" · ".join(meta)}</p>' if meta else ""
    if kind is BlockKind.BYLINE:
        return ""
    if kind is BlockKind.CODE:
        code = "\n".join(block.text.split("\n")[1:-1])
        return f"<pre><code>{html.escape(code)}</code></pre>"
    if kind is BlockKind.RULE:
        return "<hr>"
    if kind is BlockKind.HTML:
        return block.text
    text = inline(number)
    marker = html.escape(block.prefix.strip())
    if kind is BlockKind.HEADING:
        level = min(6, max(2, len(block.prefix) - len(block.prefix.lstrip("#")) or 2))
        return f"<h{level}>{text}</h{level}>"
    if kind is BlockKind.SECTION:
        return f'<h2 class="section"><span class="marker">◆</span> {text}</h2>'
    if kind is BlockKind.CAPTION and block.suffix:
        src = block.suffix[2:-1].split(" ", 1)[0]
        alt = html.escape(_inline(edition, [t for t in edition.texts if t.unit.block == number]))
        return f'<figure><img src="{html.escape(src)}" alt="{alt}"><figcaption>{text}</figcaption></figure>'
    if kind is BlockKind.CAPTION:
        return f'<p class="caption"><span class="marker">{marker}</span> {text}</p>'
    if kind in (BlockKind.QUESTION, BlockKind.ANSWER):
        return f'<p class="{kind.value}"><span class="marker">{marker}</span> {text}</p>'
    if kind is BlockKind.LIST_ITEM:
        return f"<li>{text}</li>"
    if kind is BlockKind.QUOTE:
        return f"<blockquote><p>{text}</p></blockquote>"
    return f"<p>{text}</p>"


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
            po = catalog.read(path).po if os.path.lexists(path) else None
        edition = compose(source, lang, po, allow_fuzzy)
        if po is not None:
            edition.qa = status.mean_qa(e for e in po if not e.obsolete)
            edition.scores = quality.corpus_scores(po)
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


def glossary_findings(glossary: Matcher, edition: Edition, source: str) -> list[Finding]:
    """Variants in the text an edition would publish; positions are the units' source lines."""
    findings = []
    for text in edition.texts:
        lang = text.fallback_lang or edition.lang
        span = checks.Span(text.text, lang, source, ((0, text.unit.line, 1),))
        findings += checks.variants(glossary, span)
    return findings


def _write(path: Path, text: str) -> str:
    """One edition file: old or new bytes, refused if another run changes it meanwhile."""
    catalog.atomic_write(path, text.encode("utf-8"))
    return str(path)

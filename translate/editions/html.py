"""The HTML edition: one page per language, linked to its published siblings; text is escaped, never injected.

The page is a Jinja2 template, so a newsroom can give its site's own
(``[editions] template`` in translate.toml) with the same variables as
:data:`PAGE`, the default: ``lang``, ``title``, ``heading``, ``body``,
``canonical``, ``alternates`` (hreflang, href), ``editions`` (lang, name,
href, current), ``language_name`` and ``style``. ``body`` and ``heading`` are
HTML already escaped here; everything else is escaped by the template.

Links between editions point only at editions this build published. With a
base URL they are absolute, as search engines want canonical and hreflang
links, and ``x-default`` names the source edition.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from translate import languages
from translate.editions.compose import (
    Edition,
    Text,
    block_texts,
    dateline,
    inline_text,
    title_block,
    turn_marker,
)
from translate.errors import InputError
from translate.model import Block, BlockKind

# Raw HTML in a translation is shown as text, never injected. Bare URLs of the source come back as
# <url> autolinks (see markup.restore), so they end where the source said, even before Korean text.
_MD = MarkdownIt("commonmark", {"html": False})

STYLE = """body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.7}
nav.editions{font-size:.9rem;margin-bottom:2rem}nav.editions a,nav.editions strong{margin-right:1rem}
.dateline{color:#555}.question{font-weight:bold}.section{margin-top:2.5rem}
figure{margin:1.5rem 0}figure img{max-width:100%;height:auto}figcaption,.caption{color:#555;font-size:.9rem}
.untranslated{background:#fff3c4;outline:1px dotted #c90}"""

PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
{% if canonical %}<link rel="canonical" href="{{ canonical }}">
{% endif %}{% for link in alternates %}<link rel="alternate" hreflang="{{ link.hreflang }}" href="{{ link.href }}">
{% endfor %}<style>{{ style }}</style>
</head>
<body>
<nav class="editions" aria-label="{{ language_name }}">{% for e in editions %}{% if not loop.first %} {% endif %}\
{% if e.current %}<strong>{{ e.name }}</strong>{% else %}\
<a href="{{ e.href }}" hreflang="{{ e.lang }}" lang="{{ e.lang }}">{{ e.name }}</a>{% endif %}{% endfor %}</nav>
<article>
<h1>{{ heading }}</h1>
{{ body }}
</article>
</body>
</html>
"""


@dataclass(frozen=True)
class Links:
    """Where the editions of one article live: the languages published and how to address them."""

    slug: str
    published: tuple[str, ...]  # in the workspace's order
    source_lang: str
    base_url: str = ""

    def href(self, lang: str) -> str:
        if self.base_url:
            return f"{self.base_url.rstrip('/')}/{lang}/{self.slug}.html"
        return f"../{lang}/{self.slug}.html"


class Template:
    """A page template: the built-in :data:`PAGE`, or a workspace's own file (which may include others
    beside it). Any error in it, when read or when a page is rendered, names the file and line."""

    def __init__(self, path: Path | None = None, text: str = PAGE) -> None:
        self.path = path
        loader = jinja2.FileSystemLoader(path.parent) if path is not None else None
        self.environment = jinja2.Environment(
            loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
        )
        try:
            self.template = self.environment.from_string(text)
        except jinja2.TemplateSyntaxError as exc:
            raise InputError(f"invalid page template: {exc.message}", path, exc.lineno) from None

    def render(self, **page: object) -> str:
        try:
            return self.template.render(**page)
        except jinja2.TemplateSyntaxError as exc:  # in an included file
            raise InputError(f"invalid page template: {exc.message}", exc.filename or self.path, exc.lineno) from None
        except Exception as exc:  # the template's own expressions: an undefined name, 1/0, a missing include
            line = _template_line(exc.__traceback__)
            raise InputError(f"page template failed: {type(exc).__name__}: {exc}", self.path, line) from None


def _template_line(trace) -> int | None:
    """The template line a rendering error came from (Jinja2 maps its frames onto the template's lines)."""
    line = None
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if name == "<template>" or name.endswith((".html", ".htm", ".j2", ".jinja")):
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _html_piece(text: Text, markdown: str) -> str:
    rendered = _MD.renderInline(markdown)
    if not text.fallback:
        return rendered
    return f'<span class="untranslated" lang="{text.fallback_lang}" title="not translated yet">{rendered}</span>'


def to_html(
    edition: Edition,
    links: Links,
    template: Template | None = None,
    interview: tuple = (),
    readings: dict[str, str] | None = None,
    readings_mode: str = "first",
) -> str:
    grouped = block_texts(edition)
    ruby = _Ruby(readings or {}, readings_mode) if edition.lang.split("_")[0] == "ja" else None

    def inline(number: int) -> str:
        rendered = inline_text(edition, grouped.get(number, []), _html_piece)
        return ruby(rendered) if ruby is not None else rendered

    # Readings go on the first mention in the text, as Japanese papers gloss names: not in the headline.
    heading = (
        inline_text(edition, grouped.get(title_block(edition), []), _html_piece)
        if title_block(edition) >= 0
        else html.escape(edition.slug)
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
        body.append(_block_html(edition, number, block, inline, byline, interview))
    if open_list:
        body.append(f"</{open_list}>")
    title = inline_text(edition, grouped.get(title_block(edition), [])) or edition.slug
    alternates = [{"hreflang": code, "href": links.href(code)} for code in links.published]
    if links.source_lang in links.published:
        alternates.append({"hreflang": "x-default", "href": links.href(links.source_lang)})
    editions = [
        {
            "lang": code,
            "name": languages.display_name(code),
            "href": links.href(code),
            "current": code == edition.lang,
        }
        for code in links.published
    ]
    return (template or _DEFAULT).render(
        lang=edition.lang,
        title=title,
        heading=Markup(heading),
        body=Markup("\n".join(b for b in body if b)),
        canonical=links.href(edition.lang) if links.base_url else "",
        alternates=alternates,
        editions=editions,
        language_name=languages.display_name(edition.lang),
        style=Markup(STYLE),
    )


def _block_html(edition: Edition, number: int, block: Block, inline, byline: list[Text], interview: tuple) -> str:
    kind = block.kind
    if kind is BlockKind.TITLE:
        meta = [inline_text(edition, byline, _html_piece)] if byline else []
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
    raw = turn_marker(block, edition.lang, interview)
    marker, space = html.escape(raw.strip()), " " if raw != raw.rstrip() else ""  # ――質問, but Q: question
    marked = f'<span class="marker">{marker}</span>{space}{text}' if marker else text
    if kind is BlockKind.HEADING:
        level = min(6, max(2, len(block.prefix) - len(block.prefix.lstrip("#")) or 2))
        return f"<h{level}>{text}</h{level}>"
    if kind is BlockKind.SECTION:
        return f'<h2 class="section"><span class="marker">◆</span> {text}</h2>'
    if kind is BlockKind.CAPTION and block.suffix:
        # The caption describes the photo; alt="" keeps screen readers from reading it twice.
        figure = f"figure-{number + 1}"
        img = f'<img src="{html.escape(image_source(block))}" alt="" aria-describedby="{figure}">'
        return f'<figure>{img}<figcaption id="{figure}">{text}</figcaption></figure>'
    if kind is BlockKind.CAPTION:
        return f'<p class="caption">{marked}</p>'
    if kind in (BlockKind.QUESTION, BlockKind.ANSWER):
        return f'<p class="{kind.value}">{marked}</p>'
    if kind is BlockKind.LIST_ITEM:
        return f"<li>{text}</li>"
    if kind is BlockKind.QUOTE:
        return f"<blockquote><p>{text}</p></blockquote>"
    return f"<p>{text}</p>"


def image_source(block: Block) -> str:
    """The photo a caption block belongs to, as the article wrote it: ``](photo.jpg "title")`` → photo.jpg,
    ``](<my photo.jpg>)`` → my photo.jpg."""
    target = block.suffix[2:-1].strip()
    if target.startswith("<") and ">" in target:
        return target[1 : target.index(">")]
    return target.split(" ", 1)[0]


def photo_file(src: str) -> str | None:
    """The file a photo's address names (``my%20photo.jpg?v=2`` → ``my photo.jpg``); None for a web address."""
    if not src or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", src):
        return None
    return urllib.parse.unquote(re.split(r"[?#]", src, maxsplit=1)[0]) or None


class _Ruby:
    """Katakana readings over the kanji of Korean names, the first time (or every time) each appears.

    Only text between tags changes, and a name already glossed in brackets
    (金与正（キム・ヨジョン）) keeps its gloss instead.
    """

    def __init__(self, readings: dict[str, str], mode: str) -> None:
        self.readings = {k: v for k, v in readings.items() if k and v} if mode != "none" else {}
        self.every = mode == "every"
        self.seen: set[str] = set()
        forms = sorted(self.readings, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, forms))) if forms else None

    def __call__(self, rendered: str) -> str:
        if self.pattern is None:
            return rendered
        parts = re.split(r"(<[^>]*>)", rendered)
        return "".join(part if part.startswith("<") else self.pattern.sub(self._one, part) for part in parts)

    def _one(self, m: re.Match[str]) -> str:
        kanji = m.group(0)
        reading = self.readings[kanji]
        glossed = m.string[m.end() : m.end() + len(reading) + 2].lstrip("（(").startswith(reading)
        if glossed or (kanji in self.seen and not self.every):
            self.seen.add(kanji)
            return kanji
        self.seen.add(kanji)
        return f"<ruby>{kanji}<rp>（</rp><rt>{html.escape(reading)}</rt><rp>）</rp></ruby>"


_DEFAULT = Template()

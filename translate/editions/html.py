"""The HTML edition: one page per language, linked to its other editions; text is escaped, never injected."""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

from translate import languages
from translate.editions.compose import Edition, Text, block_texts, dateline, inline_text, title_block
from translate.model import Block, BlockKind

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
    grouped = block_texts(edition)
    lang = edition.lang

    def inline(number: int) -> str:
        return inline_text(edition, grouped.get(number, []), _html_piece)

    title_html = inline(title_block(edition)) if title_block(edition) >= 0 else html.escape(edition.slug)
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
    title_text = html.escape(inline_text(edition, grouped.get(title_block(edition), [])))
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
    marker = html.escape(block.prefix.strip())
    if kind is BlockKind.HEADING:
        level = min(6, max(2, len(block.prefix) - len(block.prefix.lstrip("#")) or 2))
        return f"<h{level}>{text}</h{level}>"
    if kind is BlockKind.SECTION:
        return f'<h2 class="section"><span class="marker">◆</span> {text}</h2>'
    if kind is BlockKind.CAPTION and block.suffix:
        src = block.suffix[2:-1].split(" ", 1)[0]
        alt = html.escape(inline_text(edition, [t for t in edition.texts if t.unit.block == number]))
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

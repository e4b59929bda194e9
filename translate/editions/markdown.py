"""The Markdown edition: the source's structure with the edition's text, untranslated units marked."""

from __future__ import annotations

from translate.editions.compose import Edition, Text, block_texts, dateline, inline_text, title_block, turn_marker
from translate.model import BlockKind


def _mark_markdown(text: Text, markdown: str) -> str:
    if not text.fallback:
        return markdown
    return f'<span class="untranslated" lang="{text.fallback_lang}">{markdown}</span>'


def to_markdown(edition: Edition, interview: tuple = ()) -> str:
    grouped = block_texts(edition)
    title = inline_text(edition, grouped.get(title_block(edition), [])) or edition.slug
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
        text = (
            inline_text(edition, texts)
            if block.suffix.startswith("](")
            else inline_text(edition, texts, _mark_markdown)
        )
        if block.kind is BlockKind.TITLE:
            out.append((block.prefix or "# ") + text)
            meta = [inline_text(edition, byline, _mark_markdown)] if byline else []
            meta += [dateline(edition)] if edition.date else []
            if meta:
                out.append("*" + " · ".join(meta) + "*")
            continue
        out.append(turn_marker(block, edition.lang, interview) + text + block.suffix)
    return "\n\n".join(out).rstrip("\n") + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

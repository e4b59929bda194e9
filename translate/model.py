"""The small data model every stage shares: articles, blocks and units.

Nothing here reads or writes files. Lines are 1-based everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    TITLE = "title"
    BYLINE = "byline"
    HEADING = "heading"
    SECTION = "section"  # a "◆ Heading" line
    PARAGRAPH = "paragraph"
    CAPTION = "caption"  # an image's text or a "▲ caption" line
    QUESTION = "question"  # "-- question", "--question", "Q: question"
    ANSWER = "answer"  # "A: answer"
    LIST_ITEM = "list item"
    QUOTE = "quote"
    CODE = "code"  # copied verbatim, never translated
    RULE = "rule"  # horizontal rule, copied verbatim
    HTML = "html"  # raw HTML or comment, copied verbatim

    @property
    def translatable(self) -> bool:
        return self not in (BlockKind.CODE, BlockKind.RULE, BlockKind.HTML)


@dataclass(frozen=True)
class Block:
    """One structural piece of an article.

    ``prefix`` and ``suffix`` are the structure (``"-- "``, ``"A: "``, ``"◆ "``,
    ``"## "``, an image's ``"](photo.jpg)"``) that every edition restores and
    translators never see. ``text`` keeps the source's line breaks so each
    sentence can point at its own line; links in it are already protected.
    """

    kind: BlockKind
    line: int
    text: str
    prefix: str = ""
    suffix: str = ""
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    path: Path
    slug: str
    source_lang: str
    blocks: tuple[Block, ...]
    date: dt.date | None = None
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.kind is BlockKind.TITLE:
                return block.text
        return self.slug


@dataclass(frozen=True)
class Unit:
    """A translation unit: one sentence of one block, a msgid in every catalog.

    ``id`` is the stable identity (the PO msgctxt); it is assigned by
    :mod:`translate.identity` and survives edits to the sentence.
    """

    text: str
    block: int
    index: int
    line: int
    kind: BlockKind
    links: tuple[str, ...] = ()
    id: str = ""

    @property
    def location(self) -> str:
        """Which block this is, in words a translator reads (an extracted comment)."""
        return f"{self.kind.value} {self.block + 1}, sentence {self.index + 1}"


@dataclass(frozen=True)
class Rule:
    """What one rule id means, kept once (translate.rules) so every renderer describes it alike."""

    id: str  # "<stage>.<name>": glossary.variant, mt.lost-placeholder, qa.numbers
    summary: str  # one line: SARIF shortDescription
    severity: str = "error"  # default level of its findings: error, warning, note
    help: str = ""  # what to do about it, for people reading a dashboard


@dataclass(frozen=True)
class Finding:
    """One problem any stage found: everything a renderer (text, JSON, SARIF, GitHub) needs.

    Lines and columns are 1-based where they are known. A problem found in a
    string rather than a file (a unit being translated or scored) has ``path``
    ``""`` and ``line`` 0; its ``column``, if not 0, counts characters of that
    string from 1. ``line`` 0 means no line is known, ``column`` 0 no column;
    renderers then leave the position out. ``rule`` is an id of
    translate.rules.RULES; build one with translate.rules.finding.
    """

    rule: str  # e.g. "glossary.variant"
    message: str
    path: str
    line: int
    column: int
    lang: str = ""
    term: str = ""
    found: str = ""
    expected: str = ""
    severity: str = "error"  # error, warning, note
    field: str = ""  # in a PO file: "msgid" or "msgstr"
    suppressed: str = ""  # why it is accepted: "inline: …" (article marker or PO comment) or "baseline"

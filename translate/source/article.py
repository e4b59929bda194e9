"""Reading articles: Markdown (with optional front matter) and pasted plain text.

The parser is line based on purpose: newsroom copy uses a small, stable subset
of Markdown plus interview conventions (``-- question``, ``A: answer``, ``◆``,
``▲`` captions) that general Markdown parsers fold into paragraphs, and every
unit must point at its own source line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from translate import files, languages
from translate.errors import InputError
from translate.model import Article, Block, BlockKind
from translate.source import markup

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text")

_FRONT_MATTER_KEYS = {
    "title": "title",
    "date": "date",
    "author": "author",
    "byline": "author",
    "lang": "lang",
    "language": "lang",
    "source_lang": "lang",
    "source-lang": "lang",
    "slug": "slug",
}

_HEADING = re.compile(r"^(?P<p>#{1,6}[ \t]+(?:◆[ \t]*)?)(?P<t>.*?)(?:[ \t]+#+)?[ \t]*$")
_SECTION = re.compile(r"^(?P<p>◆[ \t]*)(?P<t>.*)$")
_CAPTION = re.compile(r"^(?P<p>▲[ \t]*)(?P<t>.*)$")
_IMAGE = re.compile(r"^(?P<p>!\[)(?P<t>[^\]]*)(?P<s>\]\([^)]*\))[ \t]*$")
_QUESTION = re.compile(r"^(?P<p>(?:--|—+|―+)[ \t]*|Q[:：][ \t]*)(?P<t>\S.*)$")  # ―― : Japanese style
_ANSWER = re.compile(r"^(?P<p>A[:：][ \t]*)(?P<t>\S.*)$")
_LIST = re.compile(r"^(?P<p>[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+)(?P<t>\S.*)$")
_QUOTE = re.compile(r"^(?P<p>>[ \t]?)(?P<t>.*)$")
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"^(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)")
# A question that starts right after the previous sentence, as in pasted text:
# "... I was 19.--So you left alone?"
_INLINE_TURN = re.compile(r"(?<=[.?!。？！\"”’」』])[ \t]*(?=--\S)")

#: Blocks that end with their line; everything else takes continuation lines.
_ONE_LINE = (BlockKind.HEADING, BlockKind.SECTION)

_TURN_KINDS = (
    (_QUESTION, BlockKind.QUESTION),
    (_ANSWER, BlockKind.ANSWER),
)


def read(path: Path, source_lang: str | None = None) -> Article:
    """Read and parse an article file; every problem is an InputError naming the file."""
    suffix = path.suffix.lower()
    if suffix not in MARKDOWN_SUFFIXES + TEXT_SUFFIXES:
        raise InputError(f"not an article: expected one of {', '.join(MARKDOWN_SUFFIXES + TEXT_SUFFIXES)}", path)
    text = files.read_text(path, "article", files.ARTICLE_LIMIT)
    return parse(text, path, source_lang=source_lang, markdown=suffix in MARKDOWN_SUFFIXES)


def parse(text: str, path: Path, source_lang: str | None = None, markdown: bool = True) -> Article:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, body_start, meta_lines = _front_matter(lines, path) if markdown else ({}, 0, {})

    blocks: list[Block] = []
    if "title" in meta:
        blocks.append(Block(BlockKind.TITLE, meta_lines["title"], _text(meta, "title", path, meta_lines)))
    if "author" in meta:
        blocks.append(Block(BlockKind.BYLINE, meta_lines["author"], _text(meta, "author", path, meta_lines)))
    body = _blocks(lines, body_start, markdown)
    if not any(b.kind is BlockKind.TITLE for b in blocks) and body:
        first = body[0]
        if (markdown and first.kind is BlockKind.HEADING and first.prefix.startswith("# ")) or (
            not markdown and first.kind is BlockKind.PARAGRAPH and "\n" not in first.text
        ):
            body[0] = Block(BlockKind.TITLE, first.line, first.text, first.prefix, first.suffix, first.links)
    blocks.extend(body)
    from translate.source.segment import is_bare_marker  # "#", "--", "A:" alone are structure, not text

    if not any(b.kind.translatable and b.text.strip() and not is_bare_marker(b.text) for b in blocks):
        raise InputError("article has no text to translate", path)
    if not body:
        raise InputError("article is only front matter: there is no body text after it", path)

    lang = _source_lang(meta, source_lang, blocks, path, meta_lines)
    slug = _slug(meta, path, meta_lines)
    date = _date(meta, path, meta_lines)
    return Article(path=path, slug=slug, source_lang=lang, blocks=tuple(blocks), date=date, meta=meta)


def _front_matter(lines: list[str], path: Path) -> tuple[dict, int, dict[str, int]]:
    if not lines or lines[0].strip() != "---":
        return {}, 0, {}
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise InputError("front matter opened with '---' on line 1 is never closed", path, 1)
    try:
        # Dates stay text (checked by _date), aliases are refused: a small header cannot expand.
        data = yaml.load("\n".join(lines[1:end]), Loader=files.TextDateLoader) or {}
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        problem, line = files.yaml_problem(exc, first_line=2)
        raise InputError(f"bad front matter: {problem}", path, line or 2) from None
    if not isinstance(data, dict):
        raise InputError("bad front matter: expected 'key: value' lines", path, 2)
    meta: dict[str, object] = {}
    where: dict[str, int] = {}
    for number, line in enumerate(lines[1:end], start=2):
        key = line.split(":", 1)[0].strip()
        if key in _FRONT_MATTER_KEYS and ":" in line:
            where.setdefault(_FRONT_MATTER_KEYS[key], number)
    for key, value in data.items():
        name = _FRONT_MATTER_KEYS.get(str(key))
        if name is None:
            meta[str(key)] = value
        elif name in meta:
            raise InputError(f"bad front matter: {key!r} given twice", path, where.get(name, 2))
        else:
            meta[name] = value
    _refuse_second_header(lines, end, path)
    return meta, end + 1, where


_FIELD = re.compile(r"[A-Za-z_][\w-]*:(\s|$)")


def _refuse_second_header(lines: list[str], end: int, path: Path) -> None:
    """``key: value`` lines closed by another ``---`` right after the front matter: a header split in two.

    Read as body, the fields would be published as a paragraph (or a setext heading).
    """
    first = end + 1
    while first < len(lines) and not lines[first].strip():
        first += 1
    last = first
    while last < len(lines) and _FIELD.match(lines[last]):
        last += 1
    if last > first and last < len(lines) and lines[last].strip() in ("---", "..."):
        raise InputError(
            f"front matter goes on after its closing '---' on line {end + 1}: a second block ends on line {last + 1};"
            " keep one '---' … '---' block",
            path,
            first + 1,
        )


def _text(meta: dict, key: str, path: Path, where: dict[str, int]) -> str:
    value = meta[key]
    if isinstance(value, dt.date) or not isinstance(value, str | int | float) or not str(value).strip():
        raise InputError(f"bad front matter: {key!r} must be text", path, where.get(key, 2))
    return str(value).strip()


def _source_lang(meta, option, blocks, path, where) -> str:
    declared = None
    if "lang" in meta:
        try:
            declared = languages.validate(_text(meta, "lang", path, where))
        except InputError as exc:
            raise InputError(f"bad front matter: {exc.message}", path, where.get("lang")) from None
    if option:
        option = languages.validate(option)
        if declared and declared != option:
            raise InputError(
                f"front matter says the source language is {declared!r} but --source-lang says {option!r}",
                path,
                where.get("lang"),
            )
    return declared or option or languages.detect(" ".join(b.text for b in blocks))


def _slug(meta, path: Path, where) -> str:
    if "slug" in meta:
        slug = _text(meta, "slug", path, where)
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", slug):
            raise InputError(
                f"bad front matter: slug {slug!r} may only hold a-z, 0-9, '.', '_' and '-'",
                path,
                where.get("slug"),
            )
        return slug
    slug = re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-.")
    if not slug:
        raise InputError("cannot make a slug from the file name; add 'slug:' to the front matter", path)
    return slug


def _date(meta, path: Path, where) -> dt.date | None:
    value = meta.get("date")
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:  # a YAML timestamp with a time: 2021-03-02 10:00:00, 2021-03-02T10:00:00Z
        return dt.datetime.fromisoformat(text.upper().replace(" ", "T", 1)).date()
    except ValueError:
        raise InputError(
            f"bad front matter: date {value!r} is not a date like 2020-06-17", path, where.get("date")
        ) from None


def _blocks(lines: list[str], start: int, markdown: bool) -> list[Block]:
    """Split the body into blocks; a structural line always starts a new block."""
    blocks: list[Block] = []
    current: dict | None = None  # kind, line, prefix, lines, suffix

    def close() -> None:
        nonlocal current
        if current is not None:
            text = "\n".join(current["lines"]).strip()
            protected, links = markup.protect(text, markdown) if current["kind"].translatable else (text, ())
            blocks.append(
                Block(current["kind"], current["line"], protected, current["prefix"], current["suffix"], links)
            )
        current = None

    def open_(kind: BlockKind, prefix: str, text: str, suffix: str = "") -> None:
        nonlocal current
        close()
        current = {"kind": kind, "line": number, "prefix": prefix, "lines": [text], "suffix": suffix}

    i = start
    while i < len(lines):
        line = lines[i].rstrip()
        number = i + 1
        i += 1
        if not line.strip():
            close()
            continue
        if markdown and (fence := _FENCE.match(line)):
            close()
            body = [line]
            while i < len(lines):
                body.append(lines[i].rstrip())
                i += 1
                if lines[i - 1].strip().startswith(fence.group(1)):
                    break
            blocks.append(Block(BlockKind.CODE, number, "\n".join(body)))
            continue
        if markdown and line.lstrip().startswith("<!--"):
            close()
            body = [line]
            while "-->" not in body[-1] and i < len(lines):
                body.append(lines[i].rstrip())
                i += 1
            blocks.append(Block(BlockKind.HTML, number, "\n".join(body)))
            continue
        if markdown and current and current["kind"] is BlockKind.PARAGRAPH and _SETEXT.match(line):
            current["kind"] = BlockKind.HEADING
            current["suffix"] = "\n" + line
            close()
            continue
        if _RULE.match(line):
            close()
            blocks.append(Block(BlockKind.RULE, number, line))
            continue
        if markdown and current and current["kind"] is BlockKind.QUOTE and (m := _QUOTE.match(line)):
            current["lines"].append(m["t"].strip())
            continue
        matched = _structure(line, markdown)
        if matched:
            open_(*matched[:3], suffix=matched[3])
            text = matched[2]
            current["lines"] = []
        elif current is None:
            open_(BlockKind.PARAGRAPH, "", "")
            current["lines"] = []
            text = line.strip()
        else:
            text = line.strip()
        first, *turns = _INLINE_TURN.split(text) if current["kind"].translatable else [text]
        current["lines"].append(first.rstrip())
        for turn in turns:
            open_(*_structure(turn, markdown)[:3])
        if current["kind"] in _ONE_LINE or current["suffix"]:
            close()
    close()
    return blocks


def _structure(line: str, markdown: bool) -> tuple[BlockKind, str, str, str] | None:
    """Recognise a line that starts a block of its own; None for running text."""
    if markdown:
        if m := _HEADING.match(line):
            kind = BlockKind.SECTION if "◆" in m["p"] else BlockKind.HEADING
            return kind, m["p"], m["t"], ""
        if m := _IMAGE.match(line):
            return BlockKind.CAPTION, m["p"], m["t"], m["s"]
    if m := _SECTION.match(line):
        return BlockKind.SECTION, m["p"], m["t"], ""
    if m := _CAPTION.match(line):
        return BlockKind.CAPTION, m["p"], m["t"], ""
    for pattern, kind in _TURN_KINDS:
        if m := pattern.match(line):
            return kind, m["p"], m["t"], ""
    if markdown:
        if m := _LIST.match(line):
            return BlockKind.LIST_ITEM, m["p"], m["t"], ""
        if m := _QUOTE.match(line):
            return BlockKind.QUOTE, m["p"], m["t"], ""
    return None

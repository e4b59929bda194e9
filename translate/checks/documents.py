"""The text checks read and where each character of it sits in its file.

A document is any text with a language and a way back to file positions:
PO strings (msgid in the source language, msgstr in the target language),
Markdown, plain text and HTML editions. What is not prose (URLs, tags, link
targets, code, front-matter fields) is blanked out, same length, so offsets
still point into the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from translate import files
from translate.catalog import store
from translate.checks.accept import acceptance
from translate.errors import InputError
from translate.source import article


@dataclass(frozen=True)
class Span:
    """A piece of a file's text and where its characters are: (line, column) of offset 0, per line."""

    text: str
    lang: str
    path: str
    starts: tuple[tuple[int, int, int], ...]  # (offset in text, line, column)
    field: str = "text"  # "msgid", "msgstr" or "text"

    def position(self, offset: int) -> tuple[int, int]:
        best = self.starts[0]
        for start in self.starts:
            if start[0] <= offset:
                best = start
        return best[1], best[2] + offset - best[0]


#: What is not prose in Markdown, HTML or text: URLs, tags, link targets, code, front-matter fields
#: other than title and byline. It is blanked out (same length) before matching.
_NOT_PROSE = re.compile(
    r"(?P<url>https?://[^\s<>()\[\]\"']+)"
    r"|(?P<tag><[^<>\n]+>)"  # HTML tags with their attributes
    r"|(?P<target>\]\([^()\s]*(?:\s+\"[^\"]*\")?\))"  # Markdown link and image targets
    r"|(?P<code>`[^`\n]*`)"
    r"|(?P<field>^(?!(?:title|author|byline):)[\w-]+:.*$)",  # front-matter fields (only inside it)
    re.MULTILINE,
)


def prose(text: str) -> str:
    """The text with everything that is not prose replaced by spaces, so offsets still match."""
    front_end = -1
    if text.startswith("---\n"):
        closing = text.find("\n---", 4)
        front_end = closing if closing > 0 else -1

    def blank(m: re.Match[str]) -> str:
        if m.lastgroup == "field" and m.start() > front_end:
            return m.group(0)  # a "key: value" line outside front matter is prose
        return re.sub(r"[^\n]", " ", m.group(0))

    return _NOT_PROSE.sub(blank, text)


def text_span(raw: str, lang: str, shown: str) -> Span:
    text = prose(raw)
    starts, offset = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        starts.append((offset, number, 1))
        offset += len(line) + 1
    return Span(text, lang, shown, tuple(starts))


def po_spans(
    path: Path, shown: str, source_lang: str | None = None
) -> Iterator[tuple[Span | None, Span | None, tuple[set[str], str]]]:
    """(msgid span, msgstr span, accepted terms) of every active entry, with raw file positions."""
    cat = store.read(path)
    target = cat.language
    source = source_lang or cat.source_language
    lines = cat.text.replace("\r\n", "\n").split("\n")
    for entry in cat.po:
        if entry.obsolete or not entry.msgid:
            continue
        msgid = _string_at(lines, entry.linenum - 1, "msgid", entry.msgid, source, shown) if source else None
        msgstr = (
            _string_at(lines, entry.linenum - 1, "msgstr", entry.msgstr, target, shown)
            if target and entry.msgstr
            else None
        )
        yield msgid, msgstr, acceptance(entry.tcomment or "")


def _string_at(lines: list[str], first: int, keyword: str, value: str, lang: str, shown: str) -> Span:
    """Locate a PO string (possibly wrapped over several lines) in the raw file."""
    i = first
    while i < len(lines) and not lines[i].startswith(keyword + " "):
        i += 1
    starts: list[tuple[int, int, int]] = []
    offset = 0
    j = i
    while j < len(lines):
        raw = lines[j]
        quote = raw.find('"')
        if quote < 0 or (j > i and not raw.startswith('"')):
            break
        body = raw[quote + 1 : raw.rfind('"')]
        piece = store.unescape(body)  # the file was read strictly, so every escape is valid
        if piece:
            starts.append((offset, j + 1, quote + 2))
        offset += len(piece)
        j += 1
    if not starts:
        starts = [(0, i + 1, len(keyword) + 3)]
    return Span(value, lang, shown, tuple(starts), keyword)


def language_of(
    path: Path,
    option: str | None,
    languages: Iterable[str],
    articles: Path | None = None,
) -> str | None:
    """A text file's language, or None for a file that is not ours (a README, docs).

    In order: ``--lang``; an HTML page's ``<html lang>`` (our editions say it); a
    ``.<lang>.md`` suffix; a ``<lang>/`` folder; an article's front matter (our
    Markdown editions carry it), and for the workspace's articles their script, as
    ``translate update`` decides. A workspace article that cannot be read is an error.
    """
    if option:
        return option
    known = set(languages)
    if path.suffix.lower() in HTML_SUFFIXES and (declared := _html_lang(path)):
        return declared
    suffixes = path.name.split(".")
    if len(suffixes) > 2 and suffixes[-2] in known:
        return suffixes[-2]
    for part in reversed(path.parent.parts):
        if part in known:
            return part
    return _article_lang(path, articles is not None and _inside(path, articles))


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


HTML_SUFFIXES = (".html", ".htm")
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE)


def _html_lang(path: Path) -> str | None:
    """The language an HTML page declares on its root element."""
    try:
        text = files.read_text(path, "HTML page", files.ARTICLE_LIMIT, InputError)
    except InputError:
        return None  # unreadable: the check itself reports it, with the reason
    m = _HTML_LANG.search(text[:4096])
    return m.group(1).replace("-", "_").split("_")[0].lower() if m else None


def _article_lang(path: Path, is_article: bool) -> str | None:
    """The language an article declares in its front matter; for the workspace's articles, also detected.

    A workspace article must be readable; any other file that is not is simply not ours.
    """
    if path.suffix.lower() not in article.MARKDOWN_SUFFIXES + article.TEXT_SUFFIXES:
        return None
    try:
        parsed = article.read(path)
    except InputError:
        if is_article:
            raise
        return None
    return parsed.source_lang if is_article or "lang" in parsed.meta else None

"""Glossary checks: they return findings and never print, raise or write.

* ``glossary.variant``: a non-house form (listed or generated variant, wrong
  capitalization, a bare katakana reading) in any text, each in its language.
* ``glossary.missing-term``: a PO translation whose source mentions a term but
  which lacks the term's house form in the target language.
* ``glossary.inconsistent``: one file that writes one term in several
  accepted forms (preferred and admitted mixed).

A finding an editor has accepted is kept, marked ``suppressed``, and does not
fail the check: ``<!-- glossary: accept kaesong (personality, not the city) -->``
in an article (for its own line and the block after it), the same words in a
PO entry's translator comment (``# glossary: accept kaesong …``), or an entry
in a baseline file that CI reads (:func:`apply_baseline`).

A document is any text with a language and a way back to file positions:
PO strings (msgid in the source language, msgstr in the target language),
Markdown, plain text and HTML editions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from translate import catalog, files
from translate.errors import InputError
from translate.matcher import Hit, Matcher
from translate.model import Finding

RULES = {
    "glossary.variant": "Use the house form of a name",
    "glossary.missing-term": "A translation must use the house form of every term its source mentions",
    "glossary.inconsistent": "Write a term the same way throughout a file",
}


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


#: An editor's acceptance: "glossary: accept kaesong, musan (why)" in an HTML comment or a PO comment.
_ACCEPT = re.compile(r"glossary:\s*accept\s+(?P<terms>[\w.-]+(?:\s*,\s*[\w.-]+)*)(?P<why>[^\n]*)")
_ACCEPT_MARKER = re.compile(r"<!--\s*(?P<body>glossary:[^\n]*?)\s*-->")


def _acceptance(text: str) -> tuple[set[str], str]:
    m = _ACCEPT.search(text)
    if not m:
        return set(), ""
    terms = {t.strip() for t in m.group("terms").split(",")}
    return terms, m.group(0).strip()


def _accepted_lines(text: str) -> dict[int, tuple[set[str], str]]:
    """Line → (terms, marker) for every acceptance marker: its own line and the block after it."""
    lines = text.split("\n")
    accepted: dict[int, tuple[set[str], str]] = {}
    for number, line in enumerate(lines, start=1):
        for m in _ACCEPT_MARKER.finditer(line):
            terms, marker = _acceptance(m.group("body"))
            if not terms:
                continue
            covered = [number]
            following = number  # the block after a marker that stands on its own line
            while following < len(lines) and not lines[following].strip():
                following += 1
            while following < len(lines) and lines[following].strip() and not _ACCEPT_MARKER.search(lines[following]):
                covered.append(following + 1)
                following += 1
            for n in covered:
                old_terms, old = accepted.get(n, (set(), ""))
                accepted[n] = (old_terms | terms, old or marker)
    return accepted


def _suppress(findings: list[Finding], accepted: Callable[[Finding], tuple[set[str], str]]) -> list[Finding]:
    out = []
    for finding in findings:
        terms, marker = accepted(finding)
        out.append(replace(finding, suppressed=f"inline: {marker}") if finding.term in terms else finding)
    return out


def po_spans(
    path: Path, shown: str, source_lang: str | None = None
) -> Iterator[tuple[Span | None, Span | None, tuple[set[str], str]]]:
    """(msgid span, msgstr span, accepted terms) of every active entry, with raw file positions."""
    cat = catalog.read(path)
    metadata = cat.po.metadata
    target = metadata.get("Language", "")
    source = source_lang or metadata.get("X-Source-Language", "")
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
        yield msgid, msgstr, _acceptance(entry.tcomment or "")


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
        piece = catalog.unescape(body)  # the file was read strictly, so every escape is valid
        if piece:
            starts.append((offset, j + 1, quote + 2))
        offset += len(piece)
        j += 1
    if not starts:
        starts = [(0, i + 1, len(keyword) + 3)]
    return Span(value, lang, shown, tuple(starts), keyword)


def _finding(rule: str, span: Span, hit: Hit, message: str, expected: str, severity: str = "error") -> Finding:
    line, column = span.position(hit.start)
    return Finding(
        rule=rule,
        message=message,
        path=span.path,
        line=line,
        column=column,
        lang=span.lang,
        term=hit.term.id,
        found=hit.found,
        expected=expected,
        severity=severity,
        field=span.field if span.field != "text" else "",
    )


def variants(matcher: Matcher, span: Span) -> list[Finding]:
    findings = []
    for hit in matcher.find(span.text, span.lang):
        if hit.accepted:
            continue
        expected = hit.term.forms[span.lang.split("_")[0]].preferred
        if hit.status == "reading":
            message = f"bare reading {hit.found!r} of {hit.term.id}: write {expected!r} (a reading only glosses it)"
        elif hit.found.casefold() == hit.form.casefold() and hit.status in ("preferred", "admitted"):
            message = f"{hit.found!r} is capitalized differently from the house form {hit.form!r}"
            expected = hit.form
        else:
            message = f"{hit.found!r} is not the house spelling of {hit.term.id}: use {expected!r}"
        findings.append(_finding("glossary.variant", span, hit, message, expected))
    return findings


def missing_terms(matcher: Matcher, source: Span, target: Span) -> list[Finding]:
    """Terms the source mentions that the translation does not render as the glossary says."""
    target_lang = target.lang.split("_")[0]
    found_in_target = {h.term.id for h in matcher.find(target.text, target.lang)}
    findings = []
    seen: set[str] = set()
    for hit in matcher.find(source.text, source.lang):
        term = hit.term
        forms = term.forms.get(target_lang)
        if term.id in seen or forms is None or term.id in found_in_target:
            continue
        seen.add(term.id)
        source_forms = term.forms.get(source.lang.split("_")[0])
        expected = source_forms.preferred if source_forms and source_forms.dnt else forms.preferred
        if expected in target.text:
            continue
        line, column = target.starts[0][1], target.starts[0][2]
        findings.append(
            Finding(
                rule="glossary.missing-term",
                message=f"source mentions {hit.found!r} ({term.id}); the translation should write {expected!r}",
                path=target.path,
                line=line,
                column=column,
                lang=target.lang,
                term=term.id,
                found=hit.found,
                expected=expected,
                field="msgstr",
            )
        )
    return findings


def _alternatives(one: str, other: str) -> bool:
    """Two spellings of the same name, not a full form and its short form or acronym.

    "Ryanggang Province … Ryanggang", "Yalu River … the Yalu", "National Intelligence
    Service … NIS" are house style after a first mention; 개성공단 and 개성공업지구 are not.
    """
    short, full = sorted((one, other), key=len)
    acronym = short.isupper() and short.isascii() and len(short) <= 6
    return not acronym and short.casefold() not in full.casefold()


def consistency(matcher: Matcher, spans: Iterable[Span]) -> list[Finding]:
    """Within one file, every term in one accepted spelling: the less used ones are flagged."""
    # A gloss (金与正（キム・ヨジョン）) is the house way to introduce a name, not a second spelling.
    hits = [(span, h) for span in spans for h in matcher.find(span.text, span.lang) if h.accepted and not h.gloss]
    forms: dict[str, Counter[str]] = {}
    for _, hit in hits:
        forms.setdefault(hit.term.id, Counter())[hit.form] += 1
    findings = []
    for span, hit in hits:
        counts = forms[hit.term.id]
        if len(counts) < 2:
            continue
        main = max(counts, key=lambda f: (counts[f], f == hit.term.forms[span.lang.split("_")[0]].preferred))
        if hit.form != main and _alternatives(hit.form, main):
            message = f"{hit.found!r} here, {main!r} elsewhere in this file: write {hit.term.id} one way"
            findings.append(_finding("glossary.inconsistent", span, hit, message, main, "warning"))
    return findings


def language_of(path: Path, option: str | None, languages: Iterable[str], articles: Path | None = None) -> str:
    """A text file's language: --lang, a `<lang>/` folder, a `.<lang>.md` suffix, or, for an article,
    its source language (front matter, else its script, as `translate update` decides)."""
    if option:
        return option
    known = set(languages)
    suffixes = path.name.split(".")
    if len(suffixes) > 2 and suffixes[-2] in known:
        return suffixes[-2]
    for part in reversed(path.parent.parts):
        if part in known:
            return part
    declared = _article_lang(path, articles is not None and path.resolve().is_relative_to(articles.resolve()))
    if declared:
        return declared
    raise InputError("cannot tell the language of this file: use --lang, a <lang>/ folder or a .<lang>.md name", path)


def check_catalog(matcher: Matcher, path: Path, shown: str, sources: bool = True) -> list[Finding]:
    """Variants in msgid (unless ``sources`` is off: the template is checked already) and msgstr."""
    findings: list[Finding] = []
    targets = []
    accepted: dict[int, tuple[set[str], str]] = {}  # msgstr line → the entry's acceptance
    for source, target, acceptance in po_spans(path, shown):
        entry: list[Finding] = []
        if source is not None and sources:
            entry += variants(matcher, source)
        if target is not None:
            entry += variants(matcher, target)
            targets.append(target)
            accepted.update(dict.fromkeys((line for _, line, _ in target.starts), acceptance))
            if source is not None:
                entry += missing_terms(matcher, source, target)
        findings += _suppress(entry, lambda _f, acceptance=acceptance: acceptance)
    return findings + _suppress(consistency(matcher, targets), lambda f: accepted.get(f.line, (set(), "")))


def check_text(matcher: Matcher, path: Path, lang: str, shown: str) -> list[Finding]:
    raw = files.read_text(path, "article", files.ARTICLE_LIMIT, InputError)
    span = text_span(raw, lang, shown)
    accepted = _accepted_lines(raw)
    found = variants(matcher, span) + consistency(matcher, [span])
    return _suppress(found, lambda f: accepted.get(f.line, (set(), "")))


def respelling(matcher: Matcher, lang: str) -> Callable[[str, str], bool]:
    """Whether two texts differ only in how they write glossary terms ("Kim Yo Jong" → "Kim Yo-jung").

    Each mention, in any of its forms, stands for its term; what is left must be identical.
    """

    def canonical(text: str) -> str:
        out, last = [], 0
        for hit in matcher.find(text, lang):
            out += [text[last : hit.start], f"\0{hit.term.id}\0"]
            last = hit.end
        return "".join([*out, text[last:]])

    return lambda old, new: old != new and canonical(old) == canonical(new)


def apply_baseline(findings: list[Finding], baseline: list[dict]) -> list[Finding]:
    """Mark findings the baseline lists as suppressed; each listed finding covers one occurrence.

    Findings are matched by file, rule, term, language and the text found, not by line,
    so edits elsewhere in a file keep the baseline valid.
    """
    left = Counter(_baseline_key(item) for item in baseline)
    out = []
    for finding in findings:
        key = _baseline_key(asdict(finding))
        if not finding.suppressed and left[key] > 0:
            left[key] -= 1
            finding = replace(finding, suppressed="baseline")
        out.append(finding)
    return out


#: What identifies a finding in a baseline: not its line, which edits elsewhere move.
_BASELINE_FIELDS = ("path", "rule", "term", "lang", "found")


def baseline_entries(findings: Iterable[Finding]) -> list[dict]:
    """What a baseline file holds for these findings (the ones not already accepted inline)."""
    return [{k: getattr(f, k) for k in _BASELINE_FIELDS} for f in findings if not f.suppressed]


def _baseline_key(item: dict) -> tuple:
    return tuple(str(item.get(k, "")) for k in _BASELINE_FIELDS)


def fixes(findings: Iterable[Finding]) -> list[Finding]:
    """Findings a rewrite can safely fix: variants in translations and text, never in a source msgid."""
    return [f for f in findings if f.rule == "glossary.variant" and f.field != "msgid" and "\n" not in f.found]


def _article_lang(path: Path, is_article: bool) -> str | None:
    """The language an article declares in its front matter; for the workspace's articles, also detected."""
    from translate import article

    if path.suffix.lower() not in article.MARKDOWN_SUFFIXES + article.TEXT_SUFFIXES:
        return None
    try:
        parsed = article.read(path)
    except InputError:
        return None
    return parsed.source_lang if is_article or "lang" in parsed.meta else None

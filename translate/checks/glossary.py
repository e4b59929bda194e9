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

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from translate import files
from translate.checks.accept import accepted_lines, suppress
from translate.checks.documents import Span, po_spans, text_span
from translate.errors import InputError
from translate.glossary.matcher import Hit, Matcher
from translate.model import Finding
from translate.rules import finding


def _finding(rule: str, span: Span, hit: Hit, message: str, expected: str) -> Finding:
    line, column = span.position(hit.start)
    return finding(
        rule,
        message,
        path=span.path,
        line=line,
        column=column,
        lang=span.lang,
        term=hit.term.id,
        found=hit.found,
        expected=expected,
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
            finding(
                "glossary.missing-term",
                f"source mentions {hit.found!r} ({term.id}); the translation should write {expected!r}",
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
            findings.append(_finding("glossary.inconsistent", span, hit, message, main))
    return findings


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
        findings += suppress(entry, lambda _f, acceptance=acceptance: acceptance)
    return findings + suppress(consistency(matcher, targets), lambda f: accepted.get(f.line, (set(), "")))


def check_text(matcher: Matcher, path: Path, lang: str, shown: str) -> list[Finding]:
    raw = files.read_text(path, "article", files.ARTICLE_LIMIT, InputError)
    span = text_span(raw, lang, shown)
    accepted = accepted_lines(raw)
    found = variants(matcher, span) + consistency(matcher, [span])
    return suppress(found, lambda f: accepted.get(f.line, (set(), "")))


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

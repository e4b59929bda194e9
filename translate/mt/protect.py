"""Keeping glossary terms and link placeholders intact through machine translation.

Before translation every link placeholder (``][1]``, ``{1}``), inline code
span, emphasis marker (``**``, ``*``, ``_``, ``~~``, in pairs), glossary term
found in the source (in any of its forms) and number
(``1,500``, ``2026-12-01``, ``3.5``) is replaced by a numbered placeholder;
after translation each placeholder gets its text back, a term as the
target-language house form (a do-not-translate term: its source form).
A placeholder the model dropped is reported, never silently lost, and the
restored output is checked against the glossary once more: both with
translate/checks/placeholders.py, the verification QA uses too, as findings.

A placeholder is one character from Unicode's private use area (U+E001, …).
No SentencePiece model of an Argos package has it in its vocabulary, so it
becomes a single unknown piece, and CTranslate2's ``replace_unknowns`` (on in
Argos's settings) copies the source piece the decoder attends to: the
placeholder comes back whole or not at all, never reshaped. Bracketed shapes
(``⦃1⦄``, ``{1}``, ``[[TOKEN_1]]``) split into several pieces of which a model
copies one or none. scripts/placeholder_shapes.py measures the shapes on a
small trained model (tests/data/tiny-en_ko.argosmodel) with names it never
saw: none comes through reliably there, the private-use character is the only
one that came through at all and gave the best chrF of the placeholder shapes.
Real Argos models could not be tried offline; the shape is one function
(``placeholder``), passed to protect(), so it can change when they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from translate.checks import placeholders
from translate.checks.placeholders import FIRST, Slot
from translate.glossary.matcher import Matcher
from translate.model import Finding
from translate.source import markup

__all__ = ["FIRST", "Protected", "Slot", "placeholder", "protect", "restore"]  # Slot, FIRST: kept importable here


@dataclass
class Protected:
    text: str
    slots: list[Slot] = field(default_factory=list)


_CODE = re.compile(r"`[^`\n]+`")
#: Paired emphasis markers: **strong**, *em*, _em_, ~~struck~~ (not inside words, as in snake_case).
_EMPHASIS = re.compile(r"(?<![\w*~])(\*\*|\*|~~|__|_)(?=\S)(.+?)(?<=\S)\1(?![\w*~])")
#: Digits with their separators, one token: 1,500 / 3.5 / 2026-12-01 / 10:30.
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,:/-]\d+)*(?![\w])")


def placeholder(number: int, target: str) -> str:
    return chr(FIRST + number)


def protect(
    text: str, src: str, tgt: str, matcher: Matcher | None, shape: Callable[[int, str], str] = placeholder
) -> Protected:
    """The text with placeholders; `shape` makes one from its number and target text (see placeholder_shapes.py)."""
    spans: list[tuple[int, int, str, str]] = []  # start, end, target text, what

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e, _, _ in spans)

    def add(start: int, end: int, target: str, what: str) -> None:
        if free(start, end):  # the first claim on a stretch wins
            spans.append((start, end, target, what))

    for m in markup.PLACEHOLDER.finditer(text):
        start = m.start() + (1 if m.group(0).startswith("]") else 0)  # keep the "]" of "[text]" as text
        add(start, m.end(), m.group(0)[start - m.start() :], "link")
    for m in _CODE.finditer(text):
        add(m.start(), m.end(), m.group(0), "code")
    for m in _EMPHASIS.finditer(text):
        opening, closing = (m.start(1), m.end(1)), (m.end(2), m.end())
        if free(*opening) and free(*closing):  # both markers, or neither
            add(*opening, m.group(1), "emphasis")
            add(*closing, m.group(1), "emphasis")
    if matcher is not None:
        for hit in matcher.find(text, src):
            forms = hit.term.forms.get(tgt.split("_")[0])
            source_forms = hit.term.forms.get(src.split("_")[0])
            if forms is not None:
                add(
                    hit.start,
                    hit.end,
                    source_forms.preferred if source_forms and source_forms.dnt else forms.preferred,
                    hit.term.id,
                )
    for m in _NUMBER.finditer(text):
        add(m.start(), m.end(), m.group(0), "number")
    spans.sort()
    out, slots, last = [], [], 0
    for number, (start, end, target, what) in enumerate(spans, start=1):
        token = shape(number, target)
        out += [text[last:start], token]
        slots.append(Slot(token, number, target, what))
        last = end
    out.append(text[last:])
    return Protected("".join(out), slots)


def restore(output: str, slots: list[Slot], lang: str = "") -> tuple[str, list[Finding]]:
    """Put the targets back; returns the text and what could not be restored (findings, in ``lang``)."""
    problems = placeholders.lost(output, slots, lang)
    for slot in slots:
        output = output.replace(slot.token, slot.target)
    leftovers = placeholders.unknown(output, lang)
    if leftovers:  # invisible in an editor: taken out, and said
        output = placeholders.PRIVATE_USE.sub("", output)
    return output, problems + leftovers

"""What a translation lost of its source: placeholders, and the glossary terms they stood for.

The one verification shared by machine translation (translate/mt: every unit
it fills) and the QA signals (translate/quality/signals.py, ``qa.glossary``):

* :func:`lost` and :func:`unknown`: placeholders (see translate/mt/protect.py)
  the model dropped (``mt.lost-placeholder``) or made up
  (``mt.unknown-placeholder``);
* :func:`verify`: the translated string checked against the glossary the way
  ``translate check`` checks a PO entry (``glossary.variant``,
  ``glossary.missing-term``, the same functions).

Findings here are about strings, not files: ``path`` is empty and ``line`` 0
(see translate.model.Finding); a caller that knows the file fills them in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from translate.checks import glossary as glossary_checks
from translate.checks.documents import Span
from translate.glossary.matcher import Matcher
from translate.model import Finding
from translate.rules import finding

#: Placeholders are U+E001, U+E002, …: private use, in no model's vocabulary.
FIRST = 0xE000
#: Any private-use character: in a translation it can only be a placeholder left over.
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
#: What a slot stands for when it is not a glossary term (then it is the term's id).
KINDS = ("link", "code", "emphasis", "number")


@dataclass(frozen=True)
class Slot:
    """One placeholder: the token the model sees and what it becomes in the translation."""

    token: str
    number: int
    target: str  # what the placeholder becomes in the translation
    what: str  # a term id, or one of KINDS


def lost(output: str, slots: Sequence[Slot], lang: str = "") -> list[Finding]:
    """The slots whose token is not in the model's output: what they stood for is missing."""
    return [
        finding(
            "mt.lost-placeholder",
            f"lost {slot.what} {slot.target!r} (placeholder {slot.number})",
            lang=lang,
            term="" if slot.what in KINDS else slot.what,
            expected=slot.target,
        )
        for slot in slots
        if slot.token not in output
    ]


def unknown(text: str, lang: str = "") -> list[Finding]:
    """Private-use characters in a (restored) translation: placeholders nobody gave the model."""
    leftovers = PRIVATE_USE.findall(text)
    if not leftovers:
        return []
    numbers = ", ".join(str(ord(c) - FIRST) for c in leftovers)
    message = f"unknown placeholder(s) in the output, removed: {numbers}"
    return [finding("mt.unknown-placeholder", message, lang=lang, found="".join(leftovers))]


def verify(matcher: Matcher | None, source: str, src: str, translation: str, tgt: str) -> list[Finding]:
    """Glossary findings in one translated string: variants, and terms of the source it lacks."""
    if matcher is None:
        return []
    target = Span(translation, tgt, "", ((0, 0, 1),))  # line 0: a string; column: its character, from 1
    origin = Span(source, src, "", ((0, 0, 1),))
    return glossary_checks.variants(matcher, target) + glossary_checks.missing_terms(matcher, origin, target)

"""What an editor has accepted: inline markers and baselines. Accepted findings are kept, marked.

``<!-- glossary: accept kaesong (personality, not the city) -->`` in an article
covers its own line and the block after it; the same words in a PO entry's
translator comment cover the entry; a baseline file (``--write-baseline``)
lists findings CI should not fail on, matched by file, rule, term, language
and text, never by line, so edits elsewhere keep it valid.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, replace

from translate.model import Finding

#: An editor's acceptance: "glossary: accept kaesong, musan (why)" in an HTML comment or a PO comment.
_ACCEPT = re.compile(r"glossary:\s*accept\s+(?P<terms>[\w.-]+(?:\s*,\s*[\w.-]+)*)(?P<why>[^\n]*)")


_ACCEPT_MARKER = re.compile(r"<!--\s*(?P<body>glossary:[^\n]*?)\s*-->")


def acceptance(text: str) -> tuple[set[str], str]:
    m = _ACCEPT.search(text)
    if not m:
        return set(), ""
    terms = {t.strip() for t in m.group("terms").split(",")}
    return terms, m.group(0).strip()


def accepted_lines(text: str) -> dict[int, tuple[set[str], str]]:
    """Line → (terms, marker) for every acceptance marker: its own line and the block after it."""
    lines = text.split("\n")
    accepted: dict[int, tuple[set[str], str]] = {}
    for number, line in enumerate(lines, start=1):
        for m in _ACCEPT_MARKER.finditer(line):
            terms, marker = acceptance(m.group("body"))
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


def suppress(findings: list[Finding], accepted: Callable[[Finding], tuple[set[str], str]]) -> list[Finding]:
    out = []
    for finding in findings:
        terms, marker = accepted(finding)
        out.append(replace(finding, suppressed=f"inline: {marker}") if finding.term in terms else finding)
    return out


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

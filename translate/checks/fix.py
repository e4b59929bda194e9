"""Rewriting variants to the house form, in place, changing nothing else."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from translate.catalog import store
from translate.errors import InputError
from translate.model import Finding
from translate.stamp import fingerprint
from translate.transaction import Transaction


def rewrite(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Apply fixes to a file's text; a finding whose text is no longer where it was is left alone."""
    lines = text.split("\n")
    done = 0
    for f in sorted(findings, key=lambda f: (f.line, f.column), reverse=True):
        line = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
        start = f.column - 1
        if line[start : start + len(f.found)] != f.found:
            continue
        lines[f.line - 1] = line[:start] + f.expected + line[start + len(f.found) :]
        done += 1
    return "\n".join(lines), done


def apply(path: Path, findings: list[Finding], write: Transaction | None) -> tuple[int, str, str]:
    """Fix one file; returns (fixes, unified diff, the fixed text).

    With a transaction, the fixed text joins it, expected to replace exactly the
    bytes read here: the caller commits every file at once, and a file saved in an
    editor since this read is refused rather than overwritten.
    """
    data = path.read_bytes()
    try:
        original = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8; cannot fix it", path) from None
    fixed, count = rewrite(original, findings)
    shown = findings[0].path
    before, after = original.splitlines(keepends=True), fixed.splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}"))
    if write is not None and count:
        if path.suffix in (".po", ".pot"):
            store.parse(fixed, path)  # refuse to write a catalog the fix would break
        write.add(path, fixed.encode("utf-8"), fingerprint(data))
    return count, diff, fixed


def fixes(findings: Iterable[Finding]) -> list[Finding]:
    """Findings a rewrite can safely fix: variants in translations and text, never in a source msgid."""
    return [f for f in findings if f.rule == "glossary.variant" and f.field != "msgid" and "\n" not in f.found]

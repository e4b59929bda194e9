"""The compiled glossary (every generated variant in one automaton per language) kept between runs.

Generating the variants of thousands of names and building the automata takes
seconds, every run of ``translate check``; reading them back takes a fraction
of that. A compiled glossary is kept under the key of its files' names and
contents and the toolkit's code (translate/freshness.py), so an edited
glossary or a new release compiles afresh, never by timestamps. Only a
glossary that passed validation and its self-tests is kept.

The cache is the user's (``$XDG_CACHE_HOME/newsdesk-translate/glossary``,
default ``~/.cache``), never the workspace's: the file is a pickle, and a
pickle from a repository (a pull request adding one, say) must never be
loaded. ``TRANSLATE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

from translate import freshness
from translate.glossary.matcher import Matcher
from translate.transaction import write_output

#: Compiled glossaries kept; the oldest go first (a newsroom has one glossary, a few while it is edited).
KEEP = 8


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsdesk-translate" / "glossary"


def key(files: list[Path]) -> str:
    return freshness.digest([freshness.toolkit(), *(f"{p.name}\0{freshness.file_digest(p)}" for p in files)])


def load(files: list[Path], compile: Callable[[], Matcher]) -> Matcher:
    """The glossary in ``files`` compiled: from the cache when it holds these contents, else compiled and kept."""
    if os.environ.get("TRANSLATE_NO_CACHE"):
        return compile()
    path = folder() / f"{key(files)}.pickle"
    try:
        with open(path, "rb") as handle:
            kept = pickle.load(handle)
        if isinstance(kept, Matcher):
            return kept
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # none yet, or from another version of the code: compile again
    matcher = compile()
    try:
        write_output(path, pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(path.parent)
    except OSError:
        pass  # a read-only home: every run compiles, as before
    return matcher


def _prune(where: Path) -> None:
    kept = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEEP:]:
        old.unlink(missing_ok=True)

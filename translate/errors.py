"""Errors that reach the user as one line and exit code 2.

Every error names the file (and line, where there is one) so an editor can go
straight to the problem; the CLI catches :class:`TranslateError` once.
"""

from __future__ import annotations

import os
from pathlib import Path

from translate.model import Finding


class TranslateError(Exception):
    """Base class: a problem with the user's input or workspace, never a bug."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = _shown(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message


class InputError(TranslateError):
    """An article, option or configuration value we cannot accept."""


class Refused(InputError):
    """Input with several problems: the CLI lists every one (stdout) before this one-line refusal (stderr)."""

    def __init__(self, problems: list[Finding], where: str, path: str | Path | None = None):
        super().__init__(f"{len(problems)} problem(s) {where}; nothing written", path)
        self.problems = problems


class CatalogError(TranslateError):
    """A PO/POT file that cannot be read, or must not be overwritten."""


class ConflictError(CatalogError):
    """The file changed on disk after we read it; writing would clobber someone's work."""


def _shown(path: str | Path) -> str:
    """Paths relative to the current directory where possible, as compilers print them."""
    try:  # abspath, not resolve: a link is shown by its own name, and a symlink loop is no error here
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)

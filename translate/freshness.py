"""What a command did last time, by the content of its inputs, so it can skip work that would come out the same.

``translate update`` and ``translate build`` keep one record per article in
the workspace cache (``.translate/cache/<command>.json``): the digest of every
input that decides the article's outputs (its text, its catalogs, the
glossary, the settings, the toolkit's own code) and the fingerprints of the
files it wrote. When the digest is the same and those files are still as
written, the work would give the same bytes, so it is skipped and the record
says what the run would have reported. Digests are SHA-256 of contents, never
timestamps: a file touched but unchanged is still fresh, a file changed within
the same second is not. The cache is safe to delete; ``--force`` ignores it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import translate
from translate.transaction import write_output

FORMAT = 1
MISSING = "-"


def digest(parts: Iterable[str]) -> str:
    """One digest of several parts, each length-prefixed so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, or MISSING when there is no regular file to read (a FIFO is not opened
    for reading: that would wait for a writer; the command that reads it refuses it by name)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return MISSING
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return MISSING
        with os.fdopen(os.dup(fd), "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return MISSING
    finally:
        os.close(fd)


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """The names (relative to ``root``) and contents of files, in the order given."""
    return digest(f"{_name(path, root)}\0{file_digest(path)}" for path in paths)


def _name(path: Path, root: Path | None) -> str:
    absolute = Path(os.path.abspath(path))
    if root is not None and absolute.is_relative_to(root):
        return absolute.relative_to(root).as_posix()
    return absolute.as_posix()


@cache
def toolkit() -> str:
    """The toolkit's version and code: a new release or a local edit invalidates every record."""
    package = Path(translate.__file__).parent
    return digest([translate.__version__, files_digest(sorted(package.rglob("*.py")), package)])


class Ledger:
    """The records of one command in one workspace: key (an article) → inputs digest and what was done.

    Files are named relative to ``root``, so a workspace moved or copied elsewhere keeps its records.
    """

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        self.records: dict[str, dict] = {}
        self.changed = False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none yet, or unreadable: everything is done again, and the file rewritten
        if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("records"), dict):
            self.records = {k: v for k, v in data["records"].items() if isinstance(v, dict)}

    def fresh(self, key: str, inputs: str) -> dict | None:
        """The record of ``key`` if it was made from these inputs and every file it wrote is as written."""
        record = self.records.get(key)
        if record is None or record.get("inputs") != inputs:
            return None
        outputs = record.get("outputs", {})
        if not isinstance(outputs, dict) or any(file_digest(self.root / p) != fp for p, fp in outputs.items()):
            return None
        return record

    def keep(self, key: str, inputs: str, outputs: Iterable[Path], **done) -> None:
        """Record what ``key``'s inputs gave: the files now on disk (by content) and what to report."""
        record = {"inputs": inputs, "outputs": {_name(p, self.root): file_digest(p) for p in outputs}, **done}
        if self.records.get(key) != record:
            self.records[key] = record
            self.changed = True

    def files(self, paths: Iterable[Path]) -> str:
        """The digest of these files, named relative to the workspace."""
        return files_digest(paths, self.root)

    def name(self, path: Path) -> str:
        return _name(path, self.root)

    def save(self) -> None:
        if self.changed:
            data = {"format": FORMAT, "records": self.records}
            write_output(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
            self.changed = False

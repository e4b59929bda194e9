"""Catalog files on disk: read strictly with the fingerprint of their bytes, written atomically.

Files are written unwrapped (``msgcat --no-wrap`` leaves them byte-identical:
polib's own wrapping differs from gettext's for Korean and Japanese), and never
over a file that changed since it was read: the fingerprint is checked again at
the moment of the swap (see translate/transaction.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from translate import files, transaction
from translate.catalog import pofile
from translate.catalog.pofile import POEntry, POFile
from translate.errors import CatalogError
from translate.stamp import fingerprint


@dataclass
class Catalog:
    """A parsed PO/POT file and the fingerprint of the bytes it came from."""

    path: Path
    po: POFile
    fingerprint: str | None = None  # sha256 of the file as read; None: the file did not exist
    text: str = ""  # the file as read, decoded: checks point at its lines

    @property
    def entries(self) -> list[POEntry]:
        return [e for e in self.po if not e.obsolete]

    @property
    def language(self) -> str:
        return self.po.metadata.get("Language", "")

    @property
    def source_language(self) -> str:
        return pofile.source_language(self.po)

    def by_id(self) -> dict[str, POEntry]:
        return {e.msgctxt: e for e in self.entries if e.msgctxt}


def read(path: Path) -> Catalog:
    """Read a PO/POT file; a syntax error becomes a CatalogError with the line."""
    data = files.read_bytes(path, "catalog", files.CATALOG_LIMIT, CatalogError)
    try:
        text, _codec = pofile.decode(data)
    except pofile.SyntaxProblem as exc:
        raise CatalogError(exc.message, path, exc.line) from None
    return Catalog(path, parse(text, path), fingerprint(data), text)


def parse(text: str, path: Path) -> POFile:
    """Parse PO text as strictly as msgfmt -c; anything it rejects becomes a CatalogError with the line."""
    try:
        return pofile.parse(text)
    except pofile.SyntaxProblem as exc:
        raise CatalogError(f"invalid PO file: {exc.message}", path, exc.line) from None


def read_or_new(path: Path) -> Catalog:
    """The catalog, or an empty one whose fingerprint None means "must still not exist when written"."""
    if os.path.lexists(path):
        return read(path)  # a dangling symlink or unreadable file is an error, not a new catalog
    return Catalog(path, POFile(wrapwidth=0), None)


def unescape(body: str) -> str:
    """A quoted PO string's value, as gettext reads it (for code that maps findings to file positions)."""
    return pofile.unescape(body)


def dumps(po: POFile) -> bytes:
    """The file's bytes: UTF-8, unwrapped, exactly as msgcat --no-wrap writes it."""
    return pofile.dumps(po).encode("utf-8")


def write(catalog: Catalog, po: POFile) -> bool:
    """One catalog as a transaction: refused if the file changed since it was read. True if it changed."""
    data = dumps(po)
    changed = transaction.write(catalog.path, data, catalog.fingerprint)
    catalog.fingerprint = fingerprint(data)
    catalog.po = po
    return changed

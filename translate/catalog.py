"""PO and POT catalogs: the only module that imports polib.

Files are written unwrapped (``msgcat --no-wrap`` leaves them byte-identical:
polib's own wrapping differs from gettext's for Korean and Japanese), in a
stable order, atomically, and never over a file that changed since we read it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate import __version__, languages
from translate.errors import CatalogError, ConflictError
from translate.model import Article, Unit

GENERATOR = f"newsdesk-translate {__version__}"
#: Flags translators set that a merge must keep (everything except fuzzy).
FUZZY = "fuzzy"


@dataclass
class Catalog:
    """A parsed PO/POT file and the fingerprint of the bytes it came from."""

    path: Path
    po: polib.POFile
    fingerprint: str | None = None  # sha256 of the file as read; None: the file did not exist

    @property
    def entries(self) -> list[polib.POEntry]:
        return [e for e in self.po if not e.obsolete]

    @property
    def obsolete(self) -> list[polib.POEntry]:
        return [e for e in self.po if e.obsolete]

    @property
    def language(self) -> str:
        return self.po.metadata.get("Language", "")

    def by_id(self) -> dict[str, polib.POEntry]:
        return {e.msgctxt: e for e in self.entries if e.msgctxt}


@dataclass
class MergeStats:
    """What a merge did, in msgmerge's terms."""

    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsoleted: int = 0
    revived: int = 0
    changed_ids: list[str] = field(default_factory=list)


def now() -> str:
    """A PO date; SOURCE_DATE_EPOCH makes builds reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


# --- reading -----------------------------------------------------------------


def read(path: Path) -> Catalog:
    """Read a PO/POT file; a syntax error becomes a CatalogError with the line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such catalog", path) from None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(
            "catalog is not UTF-8 (convert it with msgconv -t UTF-8)", path, data[: exc.start].count(b"\n") + 1
        ) from None
    return Catalog(path, parse(text, path), _fingerprint(data))


def parse(text: str, path: Path) -> polib.POFile:
    """Parse PO text; syntax errors and duplicate messages become CatalogErrors with the line."""
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        message, line = _polib_problem(str(exc))
        raise CatalogError(message, path, line) from None
    seen: set[tuple[str | None, str]] = set()
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if not entry.obsolete and key in seen:
            raise CatalogError(f"duplicate message {entry.msgid!r}", path, entry.linenum)
        seen.add(key)
    return po


def read_or_new(path: Path) -> Catalog:
    if path.exists():
        return read(path)
    return Catalog(path, polib.POFile(wrapwidth=0), None)


def _polib_problem(message: str) -> tuple[str, int | None]:
    """polib puts the line number only into its message text; take it out."""
    match = re.search(r"\(line (\d+)\)", message)
    text = re.sub(r"\s*\(line \d+\)", "", message).strip() or "invalid PO syntax"
    return f"invalid PO file: {text}", int(match.group(1)) if match else None


def _fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- building ------------------------------------------------------------------


def template(article: Article, units: Iterable[Unit], source: str, previous: Catalog | None) -> polib.POFile:
    """The POT of an article: one entry per unit, msgctxt = the unit's identity."""
    pot = polib.POFile(wrapwidth=0)
    pot.header = f"Translation template of “{article.title}” ({article.slug}).\nSource: {source}"
    for unit in units:
        pot.append(_entry(unit, source))
    created = previous.po.metadata.get("POT-Creation-Date") if previous else None
    if previous is None or created is None or _entry_keys(previous.po) != _entry_keys(pot):
        created = now()
    pot.metadata = {
        "Project-Id-Version": article.slug,
        "POT-Creation-Date": created,
        "PO-Revision-Date": created,
        "Last-Translator": "Automatically generated",
        "Language-Team": "none",
        "Language": "",  # a template has no target language (msgfmt -c notes this, as for xgettext's)
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": GENERATOR,
        "X-Source-Language": article.source_lang,
        "X-Source-File": source,
    }
    return pot


def _entry(unit: Unit, source: str) -> polib.POEntry:
    comment = unit.location
    if unit.links:
        comment += "\n" + "\n".join(_link_note(n, url) for n, url in enumerate(unit.links, 1))
    return polib.POEntry(
        msgctxt=unit.id,
        msgid=unit.text,
        msgstr="",
        occurrences=[(source, str(unit.line))],
        comment=comment,
    )


def _link_note(number: int, url: str) -> str:
    return f"[{number}] or {{{number}}} = {url} (keep the number; the link is restored)"


def _entry_keys(po: polib.POFile) -> list[tuple[str | None, str, str]]:
    return [(e.msgctxt, e.msgid, e.comment) for e in po if not e.obsolete]


def merge(catalog: Catalog, pot: polib.POFile, lang: str) -> tuple[polib.POFile, MergeStats]:
    """Merge a template into a language's catalog like ``msgmerge --previous``.

    Unchanged units keep everything; a unit whose text changed keeps its
    translation as fuzzy with the previous msgid; units that left become
    obsolete and come back, translation and all, if their text returns.
    Nothing that has a translation or a translator's comment is ever dropped.
    """
    old = catalog.po
    stats = MergeStats()
    by_id = {e.msgctxt: e for e in old if not e.obsolete and e.msgctxt}
    by_text: dict[str, list[polib.POEntry]] = {}
    for entry in old:
        if entry.msgstr or entry.tcomment:
            by_text.setdefault(entry.msgid, []).append(entry)
    # Identity first, so an entry is never taken by text from the unit that owns it.
    owners = {t.msgctxt: by_id[t.msgctxt] for t in pot if t.msgctxt in by_id}
    used: set[int] = {id(e) for e in owners.values()}
    result = polib.POFile(wrapwidth=0)
    result.header = old.header or _po_header_comment(pot, lang)

    for tentry in pot:
        merged = polib.POEntry(
            msgctxt=tentry.msgctxt,
            msgid=tentry.msgid,
            occurrences=list(tentry.occurrences),
            comment=tentry.comment,
        )
        same = owners.get(tentry.msgctxt)
        if same is not None and same.msgid == tentry.msgid:
            _carry(same, merged)
            stats.kept += 1
        elif same is not None:
            _carry(same, merged, fuzzy_from=same)
            stats.fuzzy += bool(same.msgstr)
            stats.changed_ids.append(tentry.msgctxt)
        elif returning := _first_unused(by_text.get(tentry.msgid, []), used):
            _carry(returning, merged)
            used.add(id(returning))
            stats.revived += 1
        else:
            stats.new += 1
        result.append(merged)

    for entry in old:
        if id(entry) in used or not (entry.msgstr or entry.tcomment):
            continue
        if not entry.obsolete:
            stats.obsoleted += 1
        gone = polib.POEntry(
            msgctxt=entry.msgctxt,
            msgid=entry.msgid,
            msgstr=entry.msgstr,
            tcomment=entry.tcomment,
            flags=list(entry.flags),
            previous_msgid=entry.previous_msgid,
            obsolete=True,
        )
        result.append(gone)

    result.metadata = _po_metadata(old.metadata, pot, lang)
    return result, stats


def _first_unused(entries: list[polib.POEntry], used: set[int]) -> polib.POEntry | None:
    for entry in entries:
        if id(entry) not in used:
            return entry
    return None


def _carry(old: polib.POEntry, new: polib.POEntry, fuzzy_from: polib.POEntry | None = None) -> None:
    """Copy what the translator owns from an old entry into a merged one."""
    new.msgstr = old.msgstr
    new.tcomment = old.tcomment
    new.flags = [f for f in old.flags if f != FUZZY]
    if fuzzy_from is not None and old.msgstr:
        new.flags.insert(0, FUZZY)
        # A translation already fuzzy still belongs to its older source text.
        new.previous_msgid = old.previous_msgid if old.fuzzy and old.previous_msgid else old.msgid
    elif old.fuzzy:
        new.flags.insert(0, FUZZY)
        new.previous_msgid = old.previous_msgid


def _po_header_comment(pot: polib.POFile, lang: str) -> str:
    name = languages.display_name(lang, "en")
    return f"{name} translation of {pot.metadata.get('Project-Id-Version', '')}.\n{pot.header.splitlines()[-1]}"


def _po_metadata(old: dict[str, str], pot: polib.POFile, lang: str) -> dict[str, str]:
    """Header of a language's catalog: ours where we own a field, the translator's elsewhere."""
    metadata = {
        "PO-Revision-Date": now(),
        "Last-Translator": "Automatically generated",
        "Language-Team": "none",
    }
    metadata.update(old)
    metadata.update(
        {
            "Project-Id-Version": pot.metadata["Project-Id-Version"],
            "POT-Creation-Date": pot.metadata["POT-Creation-Date"],
            "Language": lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": languages.plural_forms(lang),
            "X-Generator": GENERATOR,
            "X-Source-Language": pot.metadata["X-Source-Language"],
            "X-Source-File": pot.metadata["X-Source-File"],
        }
    )
    return metadata


# --- writing -------------------------------------------------------------------


def dumps(po: polib.POFile) -> bytes:
    po.wrapwidth = 0
    for entry in po:
        entry.wrapwidth = 0
    return (str(po).rstrip("\n") + "\n").encode("utf-8")


def write(catalog: Catalog, po: polib.POFile) -> bool:
    """Write atomically; refuse if the file changed since it was read. True if it changed."""
    data = dumps(po)
    path = catalog.path
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    found = _fingerprint(current) if current is not None else None
    if found != catalog.fingerprint:
        raise ConflictError(
            "changed on disk since it was read (saved in an editor?); nothing written, run the command again",
            path,
        )
    if current == data:
        return False
    atomic_write(path, data)
    catalog.fingerprint = _fingerprint(data)
    catalog.po = po
    return True


def atomic_write(path: Path, data: bytes) -> None:
    """Temp file in the same directory, fsync, rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def translated_text(entry: polib.POEntry, allow_fuzzy: bool = False) -> str | None:
    """The translation an edition may use, or None."""
    if not entry.msgstr or entry.obsolete:
        return None
    if entry.fuzzy and not allow_fuzzy:
        return None
    return entry.msgstr


def iter_catalogs(root: Path) -> Iterator[Path]:
    yield from sorted(root.glob("*/*.po"))

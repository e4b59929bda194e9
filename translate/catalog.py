"""PO and POT catalogs: the only module that imports polib.

Files are written unwrapped (``msgcat --no-wrap`` leaves them byte-identical:
polib's own wrapping differs from gettext's for Korean and Japanese), in a
stable order, atomically, and never over a file that changed since we read it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate import __version__, files, languages
from translate import po as po_syntax
from translate.errors import CatalogError, ConflictError  # noqa: F401 - ConflictError: what write() raises
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
    text: str = ""  # the file as read, decoded: checks point at its lines

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
    respelled: int = 0  # source changed only in how it writes glossary terms: translation kept, not fuzzy
    changed_ids: list[str] = field(default_factory=list)


def now() -> str:
    """A PO date; SOURCE_DATE_EPOCH makes builds reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


# --- reading -----------------------------------------------------------------


def read(path: Path) -> Catalog:
    """Read a PO/POT file; a syntax error becomes a CatalogError with the line."""
    data = files.read_bytes(path, "catalog", files.CATALOG_LIMIT, CatalogError)
    try:
        text, _codec = po_syntax.decode(data)
    except po_syntax.SyntaxProblem as exc:
        raise CatalogError(exc.message, path, exc.line) from None
    return Catalog(path, parse(text, path), _fingerprint(data), text)


def parse(text: str, path: Path) -> polib.POFile:
    """Parse PO text as strictly as msgfmt -c; anything it rejects becomes a CatalogError with the line."""
    try:
        return po_syntax.parse(text)
    except po_syntax.SyntaxProblem as exc:
        raise CatalogError(f"invalid PO file: {exc.message}", path, exc.line) from None


def read_or_new(path: Path) -> Catalog:
    """The catalog, or an empty one whose fingerprint None means "must still not exist when written"."""
    if os.path.lexists(path):
        return read(path)  # a dangling symlink or unreadable file is an error, not a new catalog
    return Catalog(path, polib.POFile(wrapwidth=0), None)


def unescape(body: str) -> str:
    """A quoted PO string's value, as gettext reads it (for code that maps findings to file positions)."""
    return po_syntax.unescape(body)


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


def merge(
    catalog: Catalog, pot: polib.POFile, lang: str, same_meaning: Callable[[str, str], bool] | None = None
) -> tuple[polib.POFile, MergeStats]:
    """Merge a template into a language's catalog like ``msgmerge --previous``.

    Unchanged units keep everything; a unit whose text changed keeps its
    translation as fuzzy with the previous msgid, unless ``same_meaning`` says the
    two texts differ only in how they spell glossary terms (a variant fixed to the
    house form): then the translation still fits and stays as it was. Units that left become
    obsolete and come back, translation and all, if their text returns.
    Nothing that has a translation or a translator's comment is ever dropped,
    plural entries included, and no two entries ever share a msgctxt and msgid.
    """
    old = catalog.po
    stats = MergeStats()
    exact = {(e.msgctxt, e.msgid): e for e in old}
    by_id: dict[str, list[polib.POEntry]] = {}
    by_text: dict[str, list[polib.POEntry]] = {}
    for entry in old:
        if entry.msgctxt and not entry.obsolete:
            by_id.setdefault(entry.msgctxt, []).append(entry)
        if has_work(entry):
            by_text.setdefault(entry.msgid, []).append(entry)
    # Exact matches first, then identity, then text: an entry is never taken from the unit that owns it.
    owners: dict[int, polib.POEntry] = {}
    for n, tentry in enumerate(pot):
        found = exact.get((tentry.msgctxt, tentry.msgid))
        if found is not None and (not found.obsolete or has_work(found)):
            owners[n] = found
    used: set[int] = {id(e) for e in owners.values()}
    for n, tentry in enumerate(pot):
        if n not in owners and (same := _first_unused(by_id.get(tentry.msgctxt, []), used, prefer_work=True)):
            owners[n] = same
            used.add(id(same))
    result = polib.POFile(wrapwidth=0)
    result.header = old.header or _po_header_comment(pot, lang)
    result.metadata_is_fuzzy = old.metadata_is_fuzzy
    for kept in ("header_text", "header_entry"):  # the translator's own header lines stay as they were
        if hasattr(old, kept):
            setattr(result, kept, getattr(old, kept))

    for n, tentry in enumerate(pot):
        merged = polib.POEntry(
            msgctxt=tentry.msgctxt,
            msgid=tentry.msgid,
            occurrences=list(tentry.occurrences),
            comment=tentry.comment,
        )
        same = owners.get(n)
        if same is not None and same.msgid == tentry.msgid and not po_syntax.is_plural(same):
            _carry(same, merged)
            if same.obsolete:
                stats.revived += 1
            else:
                stats.kept += 1
        elif same is not None and _respelled(same, tentry, same_meaning):
            _carry(same, merged)
            stats.respelled += bool(merged.msgstr)
            stats.kept += not merged.msgstr
        elif same is not None:
            _carry(same, merged, fuzzy_from=same)
            stats.fuzzy += bool(merged.msgstr)
            stats.changed_ids.append(tentry.msgctxt)
        elif returning := _first_unused(by_text.get(tentry.msgid, []), used):
            used.add(id(returning))
            if po_syntax.is_plural(returning):
                _carry(returning, merged, fuzzy_from=returning)
            else:
                _carry(returning, merged)
            stats.revived += 1
        else:
            stats.new += 1
        result.append(merged)

    for entry in old:
        if id(entry) in used or not has_work(entry):
            continue
        if not entry.obsolete:
            stats.obsoleted += 1
        result.append(_obsolete(entry))

    result.metadata = _po_metadata(old.metadata, pot, lang)
    return result, stats


def _respelled(old: polib.POEntry, new: polib.POEntry, same_meaning: Callable[[str, str], bool] | None) -> bool:
    return same_meaning is not None and not po_syntax.is_plural(old) and same_meaning(old.msgid, new.msgid)


def has_work(entry: polib.POEntry) -> bool:
    """Whether an entry holds something a translator wrote: a translation (any plural form) or a comment."""
    return bool(entry.msgstr or any(entry.msgstr_plural.values()) or entry.tcomment)


def _obsolete(entry: polib.POEntry) -> polib.POEntry:
    """An entry that left the template, kept as ``#~`` with everything the translator owns."""
    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=True,
    )


def _first_unused(entries: list[polib.POEntry], used: set[int], prefer_work: bool = False) -> polib.POEntry | None:
    unused = [e for e in entries if id(e) not in used]
    if prefer_work:
        unused.sort(key=lambda e: not has_work(e))
    return unused[0] if unused else None


def _carry(old: polib.POEntry, new: polib.POEntry, fuzzy_from: polib.POEntry | None = None) -> None:
    """Copy what the translator owns from an old entry into a merged one.

    A plural entry meeting a singular unit gives its first form as the
    translation, fuzzy; the other forms go into the translator comment.
    """
    new.msgstr = old.msgstr_plural.get(0, "") if po_syntax.is_plural(old) else old.msgstr
    new.tcomment = old.tcomment
    if po_syntax.is_plural(old):
        forms = [f"msgstr[{i}] before the merge: {s}" for i, s in sorted(old.msgstr_plural.items()) if i and s]
        new.tcomment = "\n".join([line for line in (old.tcomment, *forms) if line])
    new.flags = [f for f in old.flags if f != FUZZY]
    if fuzzy_from is not None and has_work(old) and (new.msgstr or po_syntax.is_plural(old)):
        new.flags.insert(0, FUZZY)
        # A translation already fuzzy still belongs to its older source text.
        new.previous_msgid = old.previous_msgid if old.fuzzy and old.previous_msgid else old.msgid
        new.previous_msgid_plural = old.msgid_plural if po_syntax.is_plural(old) else None
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
    """The file's bytes: UTF-8, unwrapped, exactly as msgcat --no-wrap writes it."""
    return po_syntax.dumps(po).encode("utf-8")


def write(catalog: Catalog, po: polib.POFile) -> bool:
    """One catalog as a transaction: refused if the file changed since it was read. True if it changed."""
    from translate import transaction

    data = dumps(po)
    changed = transaction.write(catalog.path, data, catalog.fingerprint)
    catalog.fingerprint = _fingerprint(data)
    catalog.po = po
    return changed


def atomic_write(path: Path, data: bytes) -> None:
    """A generated file (edition, export, report), all or nothing: readers see old or new, never half.

    Refused if the file changes while it is being written (a concurrent run); kept for callers that
    write one output. Commands that write several files use :class:`translate.transaction.Transaction`.
    """
    from translate import transaction

    transaction.write(path, data, transaction.fingerprint_of(path))


def translated_text(entry: polib.POEntry, allow_fuzzy: bool = False) -> str | None:
    """The translation an edition may use, or None."""
    if not entry.msgstr or entry.obsolete:
        return None
    if entry.fuzzy and not allow_fuzzy:
        return None
    return entry.msgstr


def iter_catalogs(root: Path) -> Iterator[Path]:
    yield from sorted(root.glob("*/*.po"))

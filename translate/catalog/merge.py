"""Templates and merges: an article's units become a POT, and a POT merges into each language's PO
the way ``msgmerge --previous`` does: unchanged units keep everything, changed ones keep their
translation as fuzzy with the previous msgid, units that left are kept obsolete, and nothing a
translator wrote is ever dropped (tests/catalog/test_merge.py checks every case with msgfmt -c).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from translate import __version__, languages
from translate.catalog import pofile
from translate.catalog.pofile import POEntry, POFile
from translate.catalog.store import Catalog
from translate.model import Article, Unit
from translate.stamp import now

GENERATOR = f"newsdesk-translate {__version__}"
#: Flags translators set that a merge must keep (everything except fuzzy).
FUZZY = "fuzzy"


@dataclass
class MergeStats:
    """What a merge did, in msgmerge's terms."""

    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsoleted: int = 0
    revived: int = 0
    respelled: int = 0  # source changed only in how it writes glossary terms: translation kept, not fuzzy
    edited: int = 0  # source changed, and there was no translation to keep: still untranslated
    changed_ids: list[str] = field(default_factory=list)


# --- reading -----------------------------------------------------------------


# --- building ------------------------------------------------------------------


def template(article: Article, units: Iterable[Unit], source: str, previous: Catalog | None) -> POFile:
    """The POT of an article: one entry per unit, msgctxt = the unit's identity."""
    pot = POFile(wrapwidth=0)
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


def _entry(unit: Unit, source: str) -> POEntry:
    comment = unit.location
    if unit.links:
        comment += "\n" + "\n".join(_link_note(n, url) for n, url in enumerate(unit.links, 1))
    return POEntry(
        msgctxt=unit.id,
        msgid=unit.text,
        msgstr="",
        occurrences=[(source, str(unit.line))],
        comment=comment,
    )


def _link_note(number: int, url: str) -> str:
    return f"[{number}] or {{{number}}} = {url} (keep the number; the link is restored)"


def _entry_keys(po: POFile) -> list[tuple[str | None, str, str]]:
    return [(e.msgctxt, e.msgid, e.comment) for e in po if not e.obsolete]


def merge(
    catalog: Catalog, pot: POFile, lang: str, same_meaning: Callable[[str, str], bool] | None = None
) -> tuple[POFile, MergeStats]:
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
    by_id: dict[str, list[POEntry]] = {}
    by_text: dict[str, list[POEntry]] = {}
    for entry in old:
        if entry.msgctxt and not entry.obsolete:
            by_id.setdefault(entry.msgctxt, []).append(entry)
        if has_work(entry):
            by_text.setdefault(entry.msgid, []).append(entry)
    # Exact matches first, then identity, then text: an entry is never taken from the unit that owns it.
    owners: dict[int, POEntry] = {}
    for n, tentry in enumerate(pot):
        found = exact.get((tentry.msgctxt, tentry.msgid))
        if found is not None and (not found.obsolete or has_work(found)):
            owners[n] = found
    used: set[int] = {id(e) for e in owners.values()}
    for n, tentry in enumerate(pot):
        if n not in owners and (same := _first_unused(by_id.get(tentry.msgctxt, []), used, prefer_work=True)):
            owners[n] = same
            used.add(id(same))
    result = POFile(wrapwidth=0)
    result.header = old.header or _po_header_comment(pot, lang)
    result.metadata_is_fuzzy = old.metadata_is_fuzzy
    for kept in ("header_text", "header_entry"):  # the translator's own header lines stay as they were
        if hasattr(old, kept):
            setattr(result, kept, getattr(old, kept))

    for n, tentry in enumerate(pot):
        merged = POEntry(
            msgctxt=tentry.msgctxt,
            msgid=tentry.msgid,
            occurrences=list(tentry.occurrences),
            comment=tentry.comment,
        )
        same = owners.get(n)
        if same is not None and same.msgid == tentry.msgid and not pofile.is_plural(same):
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
            stats.edited += not merged.msgstr
            stats.changed_ids.append(tentry.msgctxt)
        elif returning := _first_unused(by_text.get(tentry.msgid, []), used):
            used.add(id(returning))
            if pofile.is_plural(returning):
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


def _respelled(old: POEntry, new: POEntry, same_meaning: Callable[[str, str], bool] | None) -> bool:
    return same_meaning is not None and not pofile.is_plural(old) and same_meaning(old.msgid, new.msgid)


def has_work(entry: POEntry) -> bool:
    """Whether an entry holds something a translator wrote: a translation (any plural form) or a comment."""
    return bool(entry.msgstr or any(entry.msgstr_plural.values()) or entry.tcomment)


def _obsolete(entry: POEntry) -> POEntry:
    """An entry that left the template, kept as ``#~`` with everything the translator owns."""
    return POEntry(
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


def _first_unused(entries: list[POEntry], used: set[int], prefer_work: bool = False) -> POEntry | None:
    unused = [e for e in entries if id(e) not in used]
    if prefer_work:
        unused.sort(key=lambda e: not has_work(e))
    return unused[0] if unused else None


def _carry(old: POEntry, new: POEntry, fuzzy_from: POEntry | None = None) -> None:
    """Copy what the translator owns from an old entry into a merged one.

    A plural entry meeting a singular unit gives its first form as the
    translation, fuzzy; the other forms go into the translator comment.
    """
    new.msgstr = old.msgstr_plural.get(0, "") if pofile.is_plural(old) else old.msgstr
    new.tcomment = old.tcomment
    if pofile.is_plural(old):
        forms = [f"msgstr[{i}] before the merge: {s}" for i, s in sorted(old.msgstr_plural.items()) if i and s]
        new.tcomment = "\n".join([line for line in (old.tcomment, *forms) if line])
    new.flags = [f for f in old.flags if f != FUZZY]
    if fuzzy_from is not None and has_work(old) and (new.msgstr or pofile.is_plural(old)):
        new.flags.insert(0, FUZZY)
        # A translation already fuzzy still belongs to its older source text.
        new.previous_msgid = old.previous_msgid if old.fuzzy and old.previous_msgid else old.msgid
        new.previous_msgid_plural = old.msgid_plural if pofile.is_plural(old) else None
    elif old.fuzzy:
        new.flags.insert(0, FUZZY)
        new.previous_msgid = old.previous_msgid


def _po_header_comment(pot: POFile, lang: str) -> str:
    name = languages.display_name(lang, "en")
    return f"{name} translation of {pot.metadata.get('Project-Id-Version', '')}.\n{pot.header.splitlines()[-1]}"


def _po_metadata(old: dict[str, str], pot: POFile, lang: str) -> dict[str, str]:
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

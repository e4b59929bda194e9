"""Translation memory: what people already translated, found again before any MT runs.

The memory of a language pair is every confirmed (translated, not fuzzy)
entry of every catalog in the workspace with that pair, plus the TMX files
imported into ``locales/memory/``. Lookup is exact first, then fuzzy with
rapidfuzz; the match percentage travels with the suggestion as provenance.
TMX is written and read as TMX 1.4b.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from translate import __version__, files, languages, transaction
from translate.catalog import store
from translate.catalog.workspace import Workspace
from translate.errors import InputError, Refused
from translate.glossary import exchange
from translate.model import Finding
from translate.rules import finding

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
THRESHOLD = 75.0  # below this, a match helps less than machine translation


@dataclass(frozen=True)
class Segment:
    source: str
    target: str
    origin: str  # the file it came from


@dataclass(frozen=True)
class Unit:
    """One <tu> of a TMX file: its text per language (compared by the first part of the code)."""

    texts: dict[str, str]
    line: int


@dataclass(frozen=True)
class Match:
    segment: Segment
    score: float  # 0-100


class Memory:
    def __init__(self, segments: Iterable[Segment], threshold: float = THRESHOLD):
        self.threshold = threshold
        self.segments: list[Segment] = []
        self._exact: dict[str, Segment] = {}
        for segment in segments:
            if segment.source and segment.target and segment.source not in self._exact:
                self._exact[segment.source] = segment
                self.segments.append(segment)
        self._sources = [s.source for s in self.segments]

    def __len__(self) -> int:
        return len(self.segments)

    def lookup(self, source: str) -> Match | None:
        exact = self._exact.get(source)
        if exact is not None:
            return Match(exact, 100.0)
        best = process.extractOne(source, self._sources, scorer=fuzz.ratio, score_cutoff=self.threshold)
        if best is None:
            return None
        return Match(self.segments[best[2]], round(float(best[1]), 1))


def from_catalogs(paths: Iterable[Path], src: str, tgt: str, shown=str) -> list[Segment]:
    """Confirmed translations of every catalog with this language pair."""
    segments = []
    for path in paths:
        cat = store.read(path)
        po = cat.po
        if cat.language != tgt or cat.source_language != src:
            continue
        segments += [
            Segment(e.msgid, e.msgstr, shown(path))
            for e in po
            if e.msgstr and not e.fuzzy and not e.obsolete and e.msgid
        ]
    return segments


# --- TMX 1.4b ---------------------------------------------------------------------


def to_tmx(segments: Iterable[Segment], src: str, tgt: str) -> str:
    tmx = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(
        tmx,
        "header",
        {
            "creationtool": "newsdesk-translate",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "PO",
            "adminlang": "en",
            "srclang": src,
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(tmx, "body")
    for segment in segments:
        unit = ET.SubElement(body, "tu")
        ET.SubElement(unit, "prop", {"type": "x-origin"}).text = segment.origin
        for lang, text in ((src, segment.source), (tgt, segment.target)):
            ET.SubElement(ET.SubElement(unit, "tuv", {XML_LANG: lang}), "seg").text = text
    ET.indent(tmx)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tmx, encoding="unicode") + "\n"


def read_checked(path: Path) -> tuple[bytes, list[Unit], list[Finding]]:
    """The bytes of a TMX file (read once, size-limited, never blocking), its units and every problem in them."""
    data = files.read_bytes(path, "TMX", files.TMX_LIMIT)
    units, problems = read_tmx(data, path)
    return data, units, problems


def read_tmx(data: bytes, path: Path) -> tuple[list[Unit], list[Finding]]:
    """Every translation unit of a TMX document and every problem found in one, each with its line.

    A file that is no TMX at all (not XML, entity declarations, another root,
    no ``<body>``, no ``<tu>``) is an InputError; a unit needs two ``<tuv>``
    or more, each with a valid language (``xml:lang`` or ``lang``) and a ``<seg>``.
    """
    exchange.check_declared_encoding(data, path, "TMX")
    root, lines = files.parse_xml(data, path, "TMX")
    if root.tag != "tmx":
        raise InputError(
            f"not a TMX file: the root element is <{_local(root.tag)}>, not <tmx>", path, lines.get(id(root))
        )
    body = root.find("body")
    if body is None:
        raise InputError(
            "no <body>: a TMX file holds its translation units (<tu>) in <body>", path, lines.get(id(root))
        )
    shown = str(path)
    units: list[Unit] = []
    problems: list[Finding] = []
    for unit in body.iter("tu"):
        line = lines.get(id(unit), 1)
        variants = unit.findall("tuv")
        if len(variants) < 2:
            problems.append(
                _invalid(shown, line, f"a <tu> with {len(variants)} <tuv>: a unit needs at least two languages")
            )
        texts: dict[str, str] = {}
        for variant in variants:
            where = lines.get(id(variant), line)
            raw = (variant.get(XML_LANG) or variant.get("lang") or "").strip()
            seg = variant.find("seg")
            if not raw:
                problems.append(_invalid(shown, where, "a <tuv> without a language (xml:lang)"))
            else:
                try:  # TMX tools write regions (EN-US, ko-KR); the memory compares the language itself
                    code = languages.validate(_language(raw))
                except InputError as exc:
                    problems.append(_invalid(shown, where, f"a <tuv>: {exc.message}"))
                else:
                    if seg is not None:
                        texts.setdefault(_language(code), "".join(seg.itertext()))
            if seg is None:
                problems.append(_invalid(shown, where, f"a <tuv> ({raw or '?'}) without <seg>"))
        units.append(Unit(texts, line))
    if not units:
        raise InputError("no translation units (<tu>) in <body>: nothing to import", path, lines.get(id(body)))
    return units, problems


def _invalid(path: str, line: int, message: str) -> Finding:
    """A unit of a TMX file that cannot enter the memory (tmx.invalid)."""
    return finding("tmx.invalid", message, path=path, line=line)


def from_tmx(path: Path, src: str, tgt: str) -> list[Segment]:
    """Segments of a TMX file for one language pair (language codes compared by their first part)."""
    _data, units, problems = read_checked(path)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(first.message + more, path, first.line)
    src, tgt = _language(src), _language(tgt)
    return [
        Segment(unit.texts[src], unit.texts[tgt], path.name)
        for unit in units
        if src in unit.texts and tgt in unit.texts
    ]


def _language(code: str) -> str:
    """The part of a language code that memory lookups compare: ``en_US`` → ``en``."""
    return code.replace("-", "_").split("_")[0].lower()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# --- the workspace's memory ----------------------------------------------------------


def for_workspace(ws: Workspace, src: str, tgt: str, threshold: float = THRESHOLD) -> Memory:
    """Confirmed translations of the workspace's catalogs, then every TMX file in locales/memory/."""
    found = from_catalogs(ws.catalogs(), src, tgt, ws.relative)
    for path in sorted(ws.memory_folder().glob("*.tmx")):
        found += from_tmx(path, src, tgt)
    return Memory(found, threshold)


def export(ws: Workspace, src: str, tgt: str) -> str:
    """``translate tm export``: the workspace's confirmed translations as TMX 1.4b."""
    src, tgt = ws.check_language(src), ws.check_language(tgt)
    if src == tgt:
        raise InputError(f"a memory translates from one language into another: --from and --to are both {src}")
    return to_tmx(Memory(from_catalogs(ws.catalogs(), src, tgt, ws.relative)).segments, src, tgt)


def import_file(ws: Workspace, path: Path) -> tuple[Path, int]:
    """Add a TMX file to locales/memory/ as it is, once every unit in it is valid; never over a file.

    Returns where it went and how many units it holds; refuses (:class:`Refused`) listing every problem.
    """
    data, units, problems = read_checked(path)  # read once: the bytes checked are the bytes written
    if problems:
        raise Refused(problems, "in the translation units", path)
    target = ws.memory_folder() / path.name
    if os.path.lexists(target):
        raise InputError("already in the memory; nothing written (rename the file to add it)", target)
    transaction.write(target, data, transaction.MUST_NOT_EXIST)  # a file that appeared since: refused
    return target, len(units)

"""Translation memory: what people already translated, found again before any MT runs.

The memory of a language pair is every confirmed (translated, not fuzzy)
entry of every catalog in the workspace with that pair, plus the TMX files
imported into ``locales/memory/``. Lookup is exact first, then fuzzy with
rapidfuzz; the match percentage travels with the suggestion as provenance.
TMX is written and read as TMX 1.4b.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from translate import __version__, catalog
from translate.errors import InputError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
THRESHOLD = 75.0  # below this, a match helps less than machine translation


@dataclass(frozen=True)
class Segment:
    source: str
    target: str
    origin: str  # the file it came from


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
        po = catalog.read(path).po
        if po.metadata.get("Language") != tgt or po.metadata.get("X-Source-Language") != src:
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


def parse_tmx(path: Path) -> ET.Element:
    """The <tmx> root of a file, or an InputError naming the file and line."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        line = getattr(exc, "position", (None,))[0]
        raise InputError(f"invalid TMX: {exc}", path, line) from None
    if root.tag != "tmx":
        raise InputError("not a TMX file (no <tmx> root)", path)
    return root


def from_tmx(path: Path, src: str, tgt: str) -> list[Segment]:
    """Segments of a TMX file for one language pair (language codes compared by their first part)."""
    root = parse_tmx(path)
    segments = []
    for unit in root.iter("tu"):
        texts: dict[str, str] = {}
        for variant in unit.iter("tuv"):
            lang = (variant.get(XML_LANG) or variant.get("lang") or "").replace("-", "_").split("_")[0].lower()
            seg = variant.find("seg")
            if lang and seg is not None:
                texts[lang] = "".join(seg.itertext())
        if src in texts and tgt in texts:
            segments.append(Segment(texts[src], texts[tgt], path.name))
    return segments

"""Translation progress per article × language, counted the way pocount does."""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field

from translate import languages
from translate.catalog import notes, store
from translate.catalog.pofile import POFile
from translate.catalog.workspace import Workspace

_WORD = re.compile(r"[\w'’-]+")
_UNSPACED_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def words(text: str, lang: str) -> int:
    """Words of a source text; in unspaced scripts each kana or kanji counts as one."""
    if languages.sentence_joiner(lang):
        return len(_WORD.findall(text))
    return len(_UNSPACED_CHAR.findall(text)) + len(_WORD.findall(_UNSPACED_CHAR.sub(" ", text)))


@dataclass(frozen=True)
class Progress:
    slug: str
    language: str
    source: bool
    units: int
    words: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    qa: float | None = None  # mean reference-free QA score of the units scored and not edited since
    scores: dict[str, dict] = field(default_factory=dict)  # corpus scores kept in the header, marked stale

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.units if self.units else 100.0

    def as_dict(self) -> dict:
        return asdict(self) | {"percent": round(self.percent, 1)}


def progress(ws: Workspace, slugs: list[str] | None = None) -> list[Progress]:
    """``translate status``: every chosen article (default: all) in every language, its source first."""
    rows = []
    for path in ws.templates_of(slugs or ()):
        pot = store.read(path)
        for lang in dict.fromkeys([*ws.languages, pot.source_language]):
            po_path = ws.catalog_path(lang, path.stem)
            po = store.read(po_path).po if lang != pot.source_language and os.path.lexists(po_path) else None
            rows.append(of_catalog(path.stem, lang, pot.source_language, po, pot.po))
    return rows


def of_catalog(slug: str, lang: str, source_lang: str, po: POFile | None, pot: POFile) -> Progress:
    entries = [e for e in pot if not e.obsolete]
    total_words = sum(words(e.msgid, source_lang) for e in entries)
    if lang == source_lang:
        return Progress(slug, lang, True, len(entries), total_words, len(entries), 0, 0, 0)
    active = {e.msgctxt: e for e in po if not e.obsolete} if po is not None else {}
    translated = fuzzy = 0
    for template_entry in entries:
        entry = active.get(template_entry.msgctxt)
        if entry is None or entry.msgid != template_entry.msgid or not entry.msgstr:
            continue
        if entry.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    obsolete = sum(1 for e in po if e.obsolete) if po is not None else 0
    untranslated = len(entries) - translated - fuzzy
    return Progress(
        slug,
        lang,
        False,
        len(entries),
        total_words,
        translated,
        fuzzy,
        untranslated,
        obsolete,
        mean_qa(active.values()),
        notes.corpus_scores(po) if po is not None else {},
    )


def mean_qa(entries) -> float | None:
    """The mean of the current QA scores kept in these entries (None when none is scored)."""
    values = [s.score for e in entries for s in notes.stored(e) if s.metric == "QA" and not notes.is_stale(s, e)]
    return round(sum(values) / len(values), 2) if values else None


def brief(scores: dict[str, dict]) -> str:
    """Corpus scores in a few words: "chrF2 post-edit 71.2, TER post-edit 30.1 (stale)"."""
    return ", ".join(
        f"{name} {value['score']:.1f}{' (stale)' if value['stale'] else ''}"
        for name, value in scores.items()
        if not name.startswith("QA ")
    )

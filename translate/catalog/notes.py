"""Records the toolkit keeps inside catalogs: where a translation came from, and how it scored.

Translator comments and header fields survive msgmerge, Poedit, Lokalize and
``translate update``, so that is where the records live, each as one JSON
object behind a label:

    # translate-mt: {"engine": "argos", "packages": ["translate-ko_en 1.9", "translate-en_ja 1.9"],
    #                "pivot": ["en"], "date": "2026-12-01", "raw": "the machine output as it came"}
    # translate-score: {"metric": "chrF2", "score": 71.2, "source": "post-edit", "signature": "...",
    #                   "date": "2026-12-01", "translation": "3f9a2c1b"}
    "X-Translate-Scores: {\"chrF2 post-edit\": {\"score\": 64.1, ...}}\n"

One codec (:func:`records`, :func:`replace`, :func:`line`) reads and writes
every kind; a record that does not parse is left as the translator sees it,
never dropped. A score names the translation it scored by hash, so a unit
edited since shows its score as stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass

from translate.catalog.pofile import POEntry, POFile
from translate.stamp import short_hash

MT = "translate-mt"
SCORE = "translate-score"
#: PO header field with the file's corpus scores, e.g. {"chrF2 post-edit": {"score": …, …}}.
HEADER = "X-Translate-Scores"


def line(kind: str, fields: dict) -> str:
    return f"{kind}: " + json.dumps(fields, ensure_ascii=False)


def _decoded(text: str, kind: str) -> dict | None:
    try:
        value = json.loads(text[len(kind) + 2 :])
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def records(entry: POEntry, kind: str) -> list[dict | None]:
    """Every record of one kind in an entry's translator comment, in order; None where one does not parse."""
    return [_decoded(text, kind) for text in (entry.tcomment or "").splitlines() if text.startswith(f"{kind}: ")]


def replace(entry: POEntry, kind: str, new: list[dict], drop: Callable[[dict], bool] = lambda _: True) -> None:
    """Records of one kind that ``drop`` accepts give way to ``new``; every other comment line stays."""
    kept = []
    for text in (entry.tcomment or "").splitlines():
        old = _decoded(text, kind) if text.startswith(f"{kind}: ") else None
        if old is None or not drop(old):
            kept.append(text)
    entry.tcomment = "\n".join([*kept, *(line(kind, fields) for fields in new)])


# --- machine translation and memory ------------------------------------------------


@dataclass
class Provenance:
    engine: str  # "tm", or the model kind: "argos", "opus-mt", "nllb", "m2m100" (joined by "+" when a pivot mixes)
    packages: list[str]  # name and version of each package used, in order
    pivot: list[str]
    date: str
    raw: str
    match: float | None = None  # translation memory: percentage
    origin: str = ""  # translation memory: where the match came from
    issues: list[str] | None = None  # glossary terms or links MT lost or got wrong

    def fields(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None and (k != "origin" or v)}

    @classmethod
    def of(cls, entry: POEntry) -> Provenance | None:
        found = records(entry, MT)
        if not found or found[0] is None:
            return None
        try:
            return cls(**found[0])
        except TypeError:
            return None

    def put(self, entry: POEntry) -> None:
        """This provenance into the entry, in place of any earlier one (parsable or not)."""
        kept = [text for text in (entry.tcomment or "").splitlines() if not text.startswith(f"{MT}: ")]
        entry.tcomment = "\n".join([*kept, line(MT, self.fields())])


# --- unit scores -------------------------------------------------------------------


@dataclass
class Score:
    metric: str  # as sacrebleu names it: chrF2, BLEU, TER
    score: float
    source: str  # "post-edit" or "reference"
    signature: str
    date: str
    translation: str  # hash of the msgstr that was scored
    signals: list[str] | None = None  # reference-free: which signals fired
    notes: list[str] | None = None  # reference-free: what each signal saw
    reference: str | None = None  # the reference text, for scores against one

    def fields(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


def _score(fields: dict | None) -> Score | None:
    try:
        return Score(**fields) if fields is not None else None
    except TypeError:
        return None


def translation_hash(text: str) -> str:
    return short_hash(text)


def stored(entry: POEntry) -> list[Score]:
    return [s for s in map(_score, records(entry, SCORE)) if s is not None]


def is_stale(score: Score, entry: POEntry) -> bool:
    return score.translation != translation_hash(entry.msgstr)


def keep(entry: POEntry, scores: list[Score]) -> None:
    """Replace this entry's score lines for the same metric and source with new ones."""
    replaced = {(s.metric, s.source) for s in scores}

    def same(fields: dict) -> bool:
        old = _score(fields)
        return old is not None and (old.metric, old.source) in replaced

    replace(entry, SCORE, [s.fields() for s in scores], same)


# --- corpus scores -----------------------------------------------------------------


def catalog_hash(po: POFile) -> str:
    """Hash of every unit's source, translation and state: a corpus score is stale once one changes."""
    units = (f"{e.msgctxt}\x04{e.msgid}\x04{e.msgstr}\x04{e.fuzzy}" for e in po if not e.obsolete and e.msgstr)
    return translation_hash("\n".join(units))


def keep_corpus(po: POFile, source: str, corpus: dict[str, dict], date: str) -> None:
    """Corpus scores into the header, replacing earlier ones of the same metric and source."""
    kept = {name: {k: v for k, v in value.items() if k != "stale"} for name, value in corpus_scores(po).items()}
    for name, value in corpus.items():
        key = f"{name} {'reference-free' if name == 'QA' else source}"
        kept[key] = {**value, "date": date, "translations": catalog_hash(po)}
    po.metadata[HEADER] = json.dumps(kept, ensure_ascii=False, sort_keys=True)


def corpus_scores(po: POFile) -> dict[str, dict]:
    """The corpus scores kept in a catalog's header, each marked stale or not."""
    try:
        kept = json.loads(po.metadata.get(HEADER, "") or "{}")
    except json.JSONDecodeError:
        return {}
    current = catalog_hash(po)
    ordered = sorted(kept.items(), key=lambda kv: kv[0].lower())
    return {name: {**value, "stale": value.get("translations") != current} for name, value in ordered}

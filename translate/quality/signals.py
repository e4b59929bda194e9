"""Quality scores computed the way sacrebleu computes them, kept in the PO file.

Metrics are sacrebleu's own classes: chrF (the default; no tokenization, right
for Korean and Japanese), BLEU with the tokenizer the target language needs
(``ko-mecab``/``ja-mecab`` from ``sacrebleu[ko,ja]``; without them ``char``,
and the signature says so), and TER (``asian_support`` for ko/ja). Every
score carries its sacrebleu signature.

Where a score comes from is named in each record:

* ``post-edit``: the machine output kept by ``translate mt`` against the
  translator's final text (chrF, and TER = HTER);
* ``reference``: another catalog of the same article, matched by unit identity.

Scores live in a translator-comment line that msgmerge and ``translate update``
keep, with a hash of the translation they scored, so a unit edited since shows
its score as stale::

    # translate-score: {"metric": "chrF", "score": 71.2, "source": "post-edit", "signature": "...",
    #                   "date": "2026-12-01", "translation": "3f9a2c1b"}
"""

from __future__ import annotations

from translate.catalog.notes import Score, keep, translation_hash
from translate.catalog.pofile import POFile
from translate.checks.signals import LENGTH_RATIO, WEIGHTS, findings, name, signals
from translate.glossary.matcher import Matcher

__all__ = ["LENGTH_RATIO", "WEIGHTS", "findings", "name", "qa", "qa_score", "signals"]  # the signals: checks/signals.py


def qa_score(fired: list[str]) -> float:
    return float(max(0, 100 - sum(WEIGHTS[name] for name in fired)))


def qa(po: POFile, src: str, tgt: str, date: str, glossary: Matcher | None = None) -> dict | None:
    """QA score of every translated unit (fuzzy ones included), kept per unit; the file's mean."""
    values = []
    signature = "signals:" + ",".join(WEIGHTS) + f"|version:{_version()}"
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        fired = findings(entry.msgid, entry.msgstr, src, tgt, glossary)
        names, notes = [name(f) for f in fired], [f.message for f in fired]
        value = qa_score(names)
        values.append(value)
        hashed = translation_hash(entry.msgstr)
        keep(entry, [Score("QA", value, "reference-free", signature, date, hashed, names, notes or None)])
    if not values:
        return None
    return {"score": round(sum(values) / len(values), 2), "signature": signature, "units": len(values)}


def _version() -> str:
    from translate import __version__

    return __version__

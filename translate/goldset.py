"""Reading the sentence-segmentation gold set (tests/segmentation/gold.<lang>.txt)."""

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

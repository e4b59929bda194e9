"""The glossary in memory: concepts (Term) and how each language writes them (Forms).

Plain data, shared by reading, matching and exchange; what is wrong with an
entry is a translate.model.Finding (rules glossary.*, termbase.invalid).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Forms:
    """How one concept is written in one language."""

    preferred: str
    admitted: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    reading: str = ""
    dnt: bool = False
    line: int = 0
    #: Phrases in which a form is another word (개성 "personality": 개성이 강한, 개성 있는): no mention there.
    other_senses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    id: str
    type: str
    forms: dict[str, Forms]
    notes: str = ""
    generate: bool = True  # derive variants (romanizations, initial-sound rule, old kanji)
    must_match: tuple[tuple[str, str, int], ...] = ()  # (lang, text, line)
    must_not_match: tuple[tuple[str, str, int], ...] = ()
    path: str = ""
    line: int = 0


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)

    @property
    def languages(self) -> list[str]:
        return sorted({lang for t in self.terms for lang in t.forms})

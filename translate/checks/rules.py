"""TODO docstring."""

from __future__ import annotations

RULES = {
    "glossary.variant": "Use the house form of a name",
    "glossary.missing-term": "A translation must use the house form of every term its source mentions",
    "glossary.inconsistent": "Write a term the same way throughout a file",
}

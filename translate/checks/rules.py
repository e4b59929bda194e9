"""Every rule id any stage reports, with what it means: one registry, so renderers only look things up.

A stage makes its findings with :func:`finding`, which refuses an id that is
not here; tests/test_rules.py checks that every id the code emits is listed.
"""

from __future__ import annotations

from typing import Any

from translate.model import Finding, Rule

_RULES = [
    # translate check (translate/checks/glossary.py)
    Rule(
        "glossary.variant",
        "Use the house form of a name",
        "error",
        "Write the glossary's preferred form; accept a deliberate variant with a 'glossary: accept <term>' comment.",
    ),
    Rule(
        "glossary.missing-term",
        "A translation must use the house form of every term its source mentions",
        "error",
        "The source names a glossary term: write its house form in the translation.",
    ),
    Rule(
        "glossary.inconsistent",
        "Write a term the same way throughout a file",
        "warning",
        "Keep the spelling used most in the file, or the preferred one.",
    ),
    # machine translation placeholders (translate/checks/placeholders.py, used by translate/mt)
    Rule(
        "mt.lost-placeholder",
        "Machine translation must bring back every placeholder it was given",
        "error",
        "The model dropped the term, link, number, code or emphasis a placeholder stood for: put it back by hand.",
    ),
    Rule(
        "mt.unknown-placeholder",
        "Machine translation output held placeholders nobody gave it",
        "warning",
        "They were removed; check the sentence around them reads right.",
    ),
    # reference-free QA signals (translate/quality/signals.py WEIGHTS)
    Rule("qa.wrong-language", "The translation does not read as its target language", "warning"),
    Rule("qa.copy-of-source", "The translation is the source text", "warning"),
    Rule("qa.repetition", "Words or characters repeat as in MT hallucinations", "warning"),
    Rule("qa.numbers", "Source and translation state different numbers", "warning"),
    Rule("qa.glossary", "The translation misspells or leaves out a glossary term", "warning"),
    Rule("qa.length", "The translation is far shorter or longer than usual for the pair", "warning"),
    Rule("qa.truncated", "The source ends a sentence and the translation stops short", "warning"),
    Rule("qa.brackets", "The translation leaves a bracket or quote unbalanced", "warning"),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}

#: The rules ``translate check`` applies: listed in its SARIF whether or not anything was found.
CHECK: tuple[str, ...] = ("glossary.variant", "glossary.missing-term", "glossary.inconsistent")


def finding(rule: str, message: str, **fields: Any) -> Finding:
    """A finding with its rule's default severity (unless given); an id not in RULES is a bug (KeyError)."""
    fields.setdefault("severity", RULES[rule].severity)
    fields.setdefault("path", "")
    fields.setdefault("line", 0)
    fields.setdefault("column", 0)
    return Finding(rule=rule, message=message, **fields)

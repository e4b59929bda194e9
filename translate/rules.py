"""Every rule id any stage reports, with what it means: one registry, so renderers only look things up.

It lives here, with the shared modules, because every stage reports findings
and the earliest of them (glossary reading, before any check runs) may import
nothing after itself: the registry is plain data, listed stage by stage, and
depends on translate.model alone. Only what one stage alone needs stays in
that stage (translate.checks.rules: the rules ``translate check`` applies).

A stage makes its findings with :func:`finding`, which refuses an id that is
not here; tests/test_rules.py checks that no Finding is built anywhere else
and that every id the code emits is listed (and every listed one emitted).
"""

from __future__ import annotations

from typing import Any

from translate.model import Finding, Rule

_RULES = [
    # the glossary's own files (translate/glossary/folder.py read, validate; matcher.py self_test)
    Rule(
        "glossary.invalid",
        "A glossary file or entry cannot be read as written",
        "error",
        "Fix the entry at that line: the glossary does not load until every file reads.",
    ),
    Rule(
        "glossary.conflict",
        "Two glossary entries claim the same id or form",
        "error",
        "Merge the entries, or give each its own id and forms: a mention must name one concept.",
    ),
    Rule(
        "glossary.self-test",
        "A glossary entry's example does not behave as it says",
        "error",
        "Fix the forms or the example: the examples run whenever the glossary loads.",
    ),
    # termbase import (translate/glossary/exchange.py: TBX and CSV)
    Rule(
        "termbase.invalid",
        "An entry or row of an imported TBX or CSV file cannot become a glossary entry",
        "error",
        "Fix the file at that line (or its export settings) and import it again; nothing was written.",
    ),
    # translation memory import (translate/memory.py: TMX)
    Rule(
        "tmx.invalid",
        "A translation unit of a TMX file cannot enter the memory",
        "error",
        "Fix the unit at that line and import the file again; nothing was written.",
    ),
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


def finding(rule: str, message: str, **fields: Any) -> Finding:
    """A finding with its rule's default severity (unless given); an id not in RULES is a bug (KeyError)."""
    fields.setdefault("severity", RULES[rule].severity)
    fields.setdefault("path", "")
    fields.setdefault("line", 0)
    fields.setdefault("column", 0)
    return Finding(rule=rule, message=message, **fields)

"""The rule registry: every rule id any stage emits is described once, and renderers only look it up."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from translate import rules as registry
from translate.checks import rules
from translate.glossary import exchange, matcher
from translate.glossary import folder as glossary_folder
from translate.model import Finding, Rule
from translate.quality import signals
from translate.reports import formats
from translate.rules import RULES, finding

PACKAGE = Path(__file__).resolve().parent.parent / "translate"


def _calls() -> list[tuple[Path, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found.append((path, node))
    return found


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def test_findings_are_only_made_through_the_registry():
    """Only rules.finding builds a Finding, so it alone decides which ids exist (it refuses unknown ones)."""
    direct = [
        f"{path.relative_to(PACKAGE)}:{call.lineno}"
        for path, call in _calls()
        if _name(call) == "Finding" and path != PACKAGE / "rules.py"
    ]
    assert direct == []
    with pytest.raises(KeyError):
        finding("glossary.no-such-rule", "?")


def test_every_rule_id_emitted_anywhere_is_in_the_registry():
    emitted = set()
    for path, call in _calls():
        if _name(call) not in ("finding", "_finding") or not call.args:
            continue
        first = call.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            emitted.add(first.value)
        elif isinstance(first, ast.JoinedStr):  # f"qa.{name}": one per signal
            assert path.name == "signals.py", f"{path}:{call.lineno}: a computed rule id"
            emitted |= {f"qa.{name}" for name in signals.WEIGHTS}
        else:
            assert path.name == "glossary.py" and _name(call) == "finding", f"{path}:{call.lineno}"
    assert {"glossary.variant", "glossary.missing-term", "glossary.inconsistent"} <= emitted
    assert {"mt.lost-placeholder", "mt.unknown-placeholder"} <= emitted
    assert {"glossary.invalid", "glossary.conflict", "glossary.self-test", "termbase.invalid", "tmx.invalid"} <= emitted
    assert emitted <= set(RULES)
    assert set(RULES) == emitted  # and nothing listed that no stage emits


def test_every_qa_signal_is_a_rule():
    assert {rule for rule in RULES if rule.startswith("qa.")} == {f"qa.{name}" for name in signals.WEIGHTS}


def test_rules_are_whole():
    for rule_id, rule in RULES.items():
        assert isinstance(rule, Rule) and rule.id == rule_id
        assert rule.id.split(".")[0] in ("glossary", "termbase", "tmx", "mt", "qa")
        assert rule.summary and rule.severity in ("error", "warning", "note")
    assert set(rules.CHECK) == {"glossary.variant", "glossary.missing-term", "glossary.inconsistent"} < set(RULES)
    assert registry.RULES is RULES  # one registry, shared by every stage
    with pytest.raises(AttributeError):
        RULES["qa.numbers"].severity = "error"  # type: ignore[misc]


def _string_finding() -> Finding:
    return signals.findings("Prices doubled in 2020.", "2021년에 물가가 두 배가 됐다.", "en", "ko")[0]


def test_sarif_describes_rules_from_the_registry_and_lists_new_ones_only_when_found():
    empty = json.loads(formats.sarif([], RULES))
    described = empty["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in described] == sorted(rules.CHECK)
    variant = described[[r["id"] for r in described].index("glossary.variant")]
    assert variant["shortDescription"]["text"] == RULES["glossary.variant"].summary
    assert variant["defaultConfiguration"]["level"] == "error"
    assert variant["help"]["text"] == RULES["glossary.variant"].help

    log = json.loads(formats.sarif([_string_finding()], RULES))
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == sorted([*rules.CHECK, "qa.numbers"])
    result = run["results"][0]
    assert result["ruleId"] == "qa.numbers" and ids[result["ruleIndex"]] == "qa.numbers"
    assert result["level"] == "warning" and result["locations"] == []  # a string, not a file


def test_text_and_github_leave_out_a_position_nobody_knows():
    found = _string_finding()
    assert formats.text([found], RULES).splitlines()[0] == f"-: warning: {found.message} [qa.numbers]"
    assert formats.github([found], RULES) == f"::warning title=qa.numbers::{found.message}"
    placed = Finding("qa.numbers", "m", "locales/ko/a.po", 12, 0, severity="warning")
    assert formats.text([placed], RULES).splitlines()[0] == "locales/ko/a.po:12: warning: m [qa.numbers]"


def test_input_problems_are_findings_listed_as_path_line_message(tmp_path):
    """Glossary, termbase and TMX problems are findings of the registry; listed as the compiler-style line."""
    (tmp_path / "a.yaml").write_text(
        "- id: a\n  en: Alpha\n  examples:\n    match: {en: [Beta]}\n- id: a\n  en: Alpha\n- id: 3\n",
        encoding="utf-8",
    )
    glossary, found = glossary_folder.read(tmp_path)
    found += glossary_folder.validate(glossary) + matcher.self_test(glossary)
    shown = tmp_path.joinpath("a.yaml").as_posix()
    assert [(f.rule, f.severity, formats.brief(f)) for f in found] == [
        ("glossary.invalid", "error", f"{shown}:7: entry: id must be text, not the number 3"),
        ("glossary.conflict", "error", f"{shown}:5: duplicate id 'a' (first at {shown}:1)"),
        ("glossary.self-test", "error", f"{shown}:4: a: example 'Beta' (en) should match, does not"),
    ]
    _, rows = exchange.read_csv("id,type,lang,status,form,notes\n,other,en,preferred,A,\n", "t.csv")
    assert [(f.rule, f.path, f.line, f.column) for f in rows] == [("termbase.invalid", "t.csv", 2, 0)]
    assert formats.brief(finding("tmx.invalid", "m", path="x.tmx")) == "x.tmx: m"  # no line known

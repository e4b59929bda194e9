"""Renderers for findings: they format, they compute nothing.

``text`` for people, ``json`` for scripts, ``github`` for workflow
annotations, ``sarif`` (2.1.0) for code-scanning dashboards. Each takes the
findings and the rule registry (translate.rules.RULES, id → Rule) and
only looks rules up. ``brief`` is one finding as the ``path:line: message``
line that glossary validation and a refused import list their problems with.
A finding not in a file (``line`` 0, see translate.model.Finding) is shown
without a position.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict

from translate import __version__
from translate.checks.rules import CHECK
from translate.model import Finding, Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "note": "note"}

Renderer = Callable[[list[Finding], Mapping[str, Rule]], str]


def _where(f: Finding) -> str:
    if not f.line:
        return f.path or "-"
    return f"{f.path}:{f.line}:{f.column}" if f.column else f"{f.path}:{f.line}"


def brief(finding: Finding) -> str:
    """``path:line: message``, as glossary validation and refused imports list each problem (no rule, no level)."""
    return f"{finding.path}:{finding.line}: {finding.message}" if finding.line else f"{finding.path}: {finding.message}"


def text(findings: list[Finding], rules: Mapping[str, Rule]) -> str:
    shown = [f for f in findings if not f.suppressed]
    accepted = [f for f in findings if f.suppressed]
    lines = [f"{_where(f)}: {f.severity}: {f.message} [{f.rule}]" for f in shown]
    lines += [f"{_where(f)}: accepted: {f.message} [{f.rule}] ({f.suppressed})" for f in accepted]
    errors = sum(f.severity == "error" for f in shown)
    summary = f"{len(shown)} finding(s), {errors} error(s)" if shown else "no findings"
    lines.append(summary + (f", {len(accepted)} accepted" if accepted else ""))
    return "\n".join(lines)


def as_json(findings: list[Finding], rules: Mapping[str, Rule]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)


def _escape_github(value: str, properties: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if properties else value


def github(findings: list[Finding], rules: Mapping[str, Rule]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    out = []
    for f in findings:
        if f.suppressed:
            continue  # accepted by an editor: no annotation
        level = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
        props = ",".join(
            f"{k}={_escape_github(str(v), True)}"
            for k, v in (("file", f.path), ("line", f.line), ("col", f.column), ("title", f.rule))
            if v or k == "title"
        )
        out.append(f"::{level} {props}::{_escape_github(f.message)}")
    return "\n".join(out)


def _sarif_rule(rule: Rule) -> dict:
    described = {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": _SARIF_LEVEL.get(rule.severity, "note")},
    }
    return described | ({"help": {"text": rule.help}} if rule.help else {})


def _sarif_location(f: Finding) -> list[dict]:
    if not f.path:
        return []
    region = {"startLine": f.line} | ({"startColumn": f.column} if f.column else {})
    return [{"physicalLocation": {"artifactLocation": {"uri": f.path}} | ({"region": region} if f.line else {})}]


def sarif(findings: list[Finding], rules: Mapping[str, Rule], applied: Iterable[str] = CHECK) -> str:
    """One SARIF 2.1.0 log with one run; rule metadata travels with it, no network needed.

    The rules listed are those the run ``applied`` (by default the ones
    ``translate check`` applies, found or not) and any other a finding names.
    """
    rule_ids = sorted({*applied, *(f.rule for f in findings)})
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newsdesk-translate",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/newsdesk-translate/",
                        "rules": [_sarif_rule(rules[rule]) for rule in rule_ids],
                    }
                },
                "results": [
                    {
                        "ruleId": f.rule,
                        "ruleIndex": rule_ids.index(f.rule),
                        "level": _SARIF_LEVEL.get(f.severity, "note"),
                        "message": {"text": f.message},
                        "locations": _sarif_location(f),
                        "properties": {"term": f.term, "found": f.found, "expected": f.expected, "language": f.lang},
                    }
                    | _sarif_suppression(f)
                    for f in findings
                ],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _sarif_suppression(f: Finding) -> dict:
    if not f.suppressed:
        return {}
    kind = "external" if f.suppressed == "baseline" else "inSource"
    return {"suppressions": [{"kind": kind, "status": "accepted", "justification": f.suppressed}]}


FORMATS: dict[str, Renderer] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}

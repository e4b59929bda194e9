"""translate/reports/formats.py: each renderer's exact output for a few findings."""

from __future__ import annotations

import json

from translate.reports import formats
from translate.rules import RULES, finding

FINDINGS = [
    finding(
        "glossary.variant",
        "use the house form: Kim Yo-jong → Kim Yo-jung",
        path="locales/en/a.po",
        line=12,
        column=5,
        lang="en",
        term="kim-yo-jung",
        found="Kim Yo-jong",
        expected="Kim Yo-jung",
    ),
    finding("glossary.inconsistent", "written two ways, here: Hyesan", path="articles/b.md", line=3),
    finding("qa.numbers", "source says 3, translation 4", suppressed="baseline"),
]


def test_text_lists_positions_severities_and_accepted_findings_then_a_summary():
    assert formats.text(FINDINGS, RULES) == "\n".join(
        [
            "locales/en/a.po:12:5: error: use the house form: Kim Yo-jong → Kim Yo-jung [glossary.variant]",
            "articles/b.md:3: warning: written two ways, here: Hyesan [glossary.inconsistent]",
            "-: accepted: source says 3, translation 4 [qa.numbers] (baseline)",
            "2 finding(s), 1 error(s), 1 accepted",
        ]
    )
    assert formats.text([], RULES) == "no findings"


def test_json_is_every_field_of_every_finding_accepted_ones_included():
    listed = json.loads(formats.as_json(FINDINGS, RULES))
    assert [f["rule"] for f in listed] == ["glossary.variant", "glossary.inconsistent", "qa.numbers"]
    assert listed[0] == {
        "rule": "glossary.variant",
        "message": "use the house form: Kim Yo-jong → Kim Yo-jung",
        "path": "locales/en/a.po",
        "line": 12,
        "column": 5,
        "lang": "en",
        "term": "kim-yo-jung",
        "found": "Kim Yo-jong",
        "expected": "Kim Yo-jung",
        "severity": "error",
        "field": "",
        "suppressed": "",
    }
    assert listed[2]["suppressed"] == "baseline" and listed[2]["severity"] == "warning"
    assert "Kim Yo-jong →" in formats.as_json(FINDINGS, RULES)  # not \u-escaped


def test_github_annotates_shown_findings_only_and_escapes_what_the_syntax_reserves():
    assert formats.github(FINDINGS, RULES) == (
        "::error file=locales/en/a.po,line=12,col=5,title=glossary.variant::"
        "use the house form: Kim Yo-jong → Kim Yo-jung\n"
        "::warning file=articles/b.md,line=3,title=glossary.inconsistent::written two ways, here: Hyesan"
    )
    odd = finding("glossary.variant", "50% off: a,b\nnext", path="a:b,c.po", line=1)
    assert (
        formats.github([odd], RULES) == "::error file=a%3Ab%2Cc.po,line=1,title=glossary.variant::50%25 off: a,b%0Anext"
    )


def test_sarif_results_point_at_their_rules_and_carry_suppressions():
    log = json.loads(formats.sarif(FINDINGS, RULES, applied=("glossary.variant",)))
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rules == ["glossary.inconsistent", "glossary.variant", "qa.numbers"]
    results = run["results"]
    assert [rules[r["ruleIndex"]] for r in results] == [r["ruleId"] for r in results]
    assert [r["level"] for r in results] == ["error", "warning", "warning"]
    assert results[0]["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "locales/en/a.po"},
                "region": {"startLine": 12, "startColumn": 5},
            }
        }
    ]
    assert results[0]["properties"] == {
        "term": "kim-yo-jung",
        "found": "Kim Yo-jong",
        "expected": "Kim Yo-jung",
        "language": "en",
    }
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}
    assert results[2]["locations"] == [] and "suppressions" not in results[0]
    assert results[2]["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "baseline"}]
    inline = finding("glossary.variant", "m", path="a.md", line=1, suppressed="inline: quoted as written")
    [result] = json.loads(formats.sarif([inline], RULES))["runs"][0]["results"]
    assert result["suppressions"][0]["kind"] == "inSource"


def test_brief_is_path_line_message():
    assert formats.brief(FINDINGS[0]) == "locales/en/a.po:12: use the house form: Kim Yo-jong → Kim Yo-jung"
    assert formats.brief(finding("tmx.invalid", "not a TMX file", path="x.tmx")) == "x.tmx: not a TMX file"

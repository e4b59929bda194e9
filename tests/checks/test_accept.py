"""Accepting findings: an inline marker in an article, a translator comment in a PO entry, a baseline file."""

from __future__ import annotations

import json

import polib
import pytest

from tests.conftest import assert_clean_po
from tests.support.checked import SARIF_SCHEMA


def test_an_inline_marker_accepts_a_finding_for_its_block_only(checked, run, tmp_path):
    page = tmp_path / "accepted.en.md"
    page.write_text(
        "<!-- glossary: accept kim-yo-jung (quoting KCNA's own spelling) -->\n"
        "KCNA wrote Kim Yo Jong,\nas it always does.\n\nKim Yo Jong again.\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", str(page))
    assert code == 1
    assert "accepted.en.md:2:12: accepted:" in out and "(inline: glossary: accept kim-yo-jung" in out
    assert "accepted.en.md:5:1: error: 'Kim Yo Jong'" in out
    assert out.strip().endswith("1 finding(s), 1 error(s), 1 accepted")
    page.write_text(page.read_text(encoding="utf-8").replace("\n\nKim Yo Jong again.", ""), encoding="utf-8")
    assert run("check", str(page))[0] == 0
    other = tmp_path / "other.en.md"  # a marker names its terms: others are still findings
    other.write_text("<!-- glossary: accept ryanggang -->\nKim Yo Jong spoke.\n", encoding="utf-8")
    assert run("check", str(other))[0] == 1


def test_a_translator_comment_accepts_a_finding_in_its_entry(checked, run):
    path = checked / "locales" / "ko" / "warning.po"
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if e.msgid == "Traders in Ryanggang Province listened.")
    entry.tcomment = "glossary: accept ryanggang (the trader's own words, quoted)"
    po.save(str(path))
    code, out, _ = run("check", "locales/ko/warning.po")
    assert "'양강도'" in out and "accepted:" in out and "(inline: glossary: accept ryanggang" in out
    assert code == 0  # the only finding in this catalog is accepted
    assert_clean_po(path)


def test_a_baseline_accepts_known_findings_and_fails_on_new_ones(checked, run):
    code, _, err = run("check", "--write-baseline", "baseline.json")
    assert code == 0 and "finding(s) written to baseline.json" in err
    listed = json.loads((checked / "baseline.json").read_text(encoding="utf-8"))
    assert {"path", "rule", "term", "lang", "found"} == set(listed[0])
    code, out, _ = run("check", "--baseline", "baseline.json")
    assert code == 0 and "no findings" in out and "accepted" in out
    code, out, _ = run("check", "--baseline", "baseline.json", "--format", "sarif")
    log = json.loads(out)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    assert results and all(r["suppressions"][0]["kind"] == "external" for r in results)
    path = checked / "locales" / "ko" / "warning.po"  # a second 양강도: the baseline lists one
    path.write_text(path.read_text(encoding="utf-8").replace("김여정은", "김여정은 양강도에서", 1), encoding="utf-8")
    code, out, _ = run("check", "--baseline", "baseline.json")
    assert code == 1 and out.count(": error:") >= 1
    (checked / "broken.json").write_text("{", encoding="utf-8")
    code, _, err = run("check", "--baseline", "broken.json")
    assert code == 2 and "broken.json:1: not a baseline" in err

"""`translate check`: findings, formats, exit codes, fixes, and the build gate."""

from __future__ import annotations

import json
import shutil

import polib
import pytest

from tests.conftest import ROOT, require, write_article
from tests.support.checked import ARTICLE, SARIF_SCHEMA


def test_findings_with_file_line_column_term_and_rule(checked, run):
    code, out, err = run("check")
    assert code == 1, err
    lines = out.splitlines()
    assert "locales/ko/warning.po:35:9: error: '양강도' is not the house spelling of ryanggang: use '량강도'" in out
    assert any(line.startswith("locales/ja/warning.po:") and "'金與正'" in line for line in lines)
    assert any("bare reading 'キム・ヨジョン'" in line for line in lines)
    missing = [line for line in lines if "[glossary.missing-term]" in line]
    assert len(missing) == 1 and "locales/ja/warning.po" in missing[0] and "'両江道'" in missing[0]
    assert lines[-1] == "4 finding(s), 4 error(s)"
    po_lines = (checked / "locales/ko/warning.po").read_text(encoding="utf-8").splitlines()
    assert po_lines[34][8:11] == "양강도"


def test_json_and_github_formats(checked, run):
    _, out, _ = run("check", "--format", "json")
    findings = json.loads(out)
    first = next(f for f in findings if f["lang"] == "ko")
    assert {k: first[k] for k in ("rule", "term", "found", "expected", "lang", "field")} == {
        "rule": "glossary.variant",
        "term": "ryanggang",
        "found": "양강도",
        "expected": "량강도",
        "lang": "ko",
        "field": "msgstr",
    }
    _, out, _ = run("check", "--format", "github")
    assert "::error file=locales/ko/warning.po,line=35,col=9,title=glossary.variant::" in out


def test_sarif_is_valid_against_the_2_1_0_schema(checked, run):
    jsonschema = pytest.importorskip("jsonschema")
    require(SARIF_SCHEMA.exists(), f"{SARIF_SCHEMA} missing: scripts/test fetches it (npm @microsoft/jest-sarif)")
    _, out, _ = run("check", "--format", "sarif")
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    assert len(results) == 4
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_clean_workspace_exits_0(ws, run):
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    write_article(ws, "warning.md", ARTICLE)
    run("update")
    code, out, _ = run("check")
    assert code == 0 and out.strip() == "no findings"


def test_text_files_take_their_language_from_folder_suffix_or_option(checked, run, tmp_path):
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "note.md").write_text("양강도 소식\n", encoding="utf-8")
    (tmp_path / "note.ja.md").write_text("兩江道の話\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Kim Yo Jong\n", encoding="utf-8")
    code, out, _ = run("check", str(tmp_path / "ko"), str(tmp_path / "note.ja.md"))
    assert code == 1 and "'양강도'" in out and "'兩江道'" in out
    code, _, err = run("check", str(tmp_path / "plain.txt"))  # no article, catalog or edition: not ours
    assert code == 0 and "plain.txt: skipped, not an article, catalog or edition (check it with --lang)" in err
    code, out, _ = run("check", "--lang", "en", str(tmp_path / "plain.txt"))
    assert code == 1 and "plain.txt:1:1:" in out


def test_consistency_within_a_file(checked, run, tmp_path):
    page = tmp_path / "en" / "page.md"
    page.parent.mkdir()
    page.write_text(
        "The Unification Ministry said so.\nThe Ministry of Unification and the Ministry of Unification agreed.\n"
    )
    code, out, _ = run("check", str(page))
    assert code == 1
    assert "warning: 'Unification Ministry' here, 'Ministry of Unification' elsewhere" in out


def test_build_refuses_editions_with_glossary_violations(checked, run):
    code, out, _ = run("build")
    assert code == 1
    assert "warning [ko]: REFUSED, 1 glossary violation(s)" in out
    assert not (checked / "build/editions/ko/warning.md").exists()
    assert (checked / "build/editions/en/warning.md").exists()
    code, out, _ = run("build", "--allow-glossary-violations", "--json")
    assert code == 0
    ko = next(e for e in json.loads(out) if e["language"] == "ko")
    assert ko["glossary"][0]["found"] == "양강도"


def test_unknown_format_and_missing_glossary_are_errors(ws, run):
    with pytest.raises(SystemExit) as info:
        run("check", "--format", "xml")
    assert info.value.code == 2
    code, _, err = run("check")
    assert code == 2 and "no glossary folder" in err


def test_urls_tags_slugs_and_code_are_not_prose(checked, run, tmp_path):
    page = tmp_path / "en" / "page.md"
    page.parent.mkdir()
    page.write_text(
        "---\ntitle: Kim Yo Jong speaks\nslug: kim-yo-jong-speaks\n---\n\n"
        "See [the report](https://example.org/kim-yo-jong/hyesan) and `kaesong.csv`.\n"
        '<a href="../ko/hyesan-trader.html">Hyesan</a>\nhint: Gaeseong is a variant.\n',
        encoding="utf-8",
    )
    code, out, _ = run("check", str(page))
    assert code == 1
    found = [line.split(": error: ")[1].split(" is ")[0] for line in out.splitlines() if ": error: " in line]
    assert found == ["'Kim Yo Jong'", "'Gaeseong'"]  # the title and the prose line; not the slug, URL, code or tag


def test_full_form_then_short_form_is_house_style_not_inconsistency(checked, run, tmp_path):
    page = tmp_path / "en" / "page.md"
    page.parent.mkdir()
    page.write_text(
        "Traders in Ryanggang Province crossed the Yalu River. Ryanggang is poor; the Yalu is shallow.\n"
        "The National Intelligence Service said the NIS had no comment.\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", str(page))
    assert code == 0, out


def test_articles_take_their_language_from_front_matter(checked, run):
    code, out, err = run("check", "articles")
    assert code == 0, out + err


def test_capitals_are_fine_on_a_line_set_in_capitals_only(checked, run, tmp_path):
    page = tmp_path / "caps.en.md"
    page.write_text("KIM YO-JUNG WARNS THE SOUTH\n\nKim Yo-Jung spoke. Later KIM YO-JUNG left.\n", encoding="utf-8")
    code, out, _ = run("check", str(page))
    assert code == 1
    assert "caps.en.md:1:" not in out  # the headline
    assert "'Kim Yo-Jung' is capitalized differently" in out
    assert "'KIM YO-JUNG' is capitalized differently" in out  # capitals inside running text


def test_a_gloss_is_not_a_second_spelling(checked, run, tmp_path):
    page = tmp_path / "gloss.ja.md"
    page.write_text("金与正（キム・ヨジョン）氏は談話を出した。金与正氏はさらに述べた。\n", encoding="utf-8")
    assert run("check", str(page))[:2] == (0, "no findings\n")


def test_a_term_that_is_also_a_common_word_is_no_mention_in_its_other_senses(ws, run):
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    write_article(
        ws, "p.md", "---\nlang: ko\n---\n\n그는 개성이 강한 사람이다. 회담은 무산 위기다. 개성에서 온 상인이 말했다.\n"
    )
    run("update")
    path = ws / "locales" / "en" / "p.po"
    po = polib.pofile(str(path), wrapwidth=0)
    english = {
        "그는": "He has a strong personality.",
        "회담은": "The talks may collapse.",
        "개성에서": "A trader came.",
    }
    for entry in po:
        entry.msgstr = english[entry.msgid.split()[0]]
    po.save(str(path))
    code, out, _ = run("check", "locales/en/p.po")
    assert code == 1
    assert out.count("glossary.missing-term") == 1 and "source mentions '개성' (kaesong)" in out  # only the city


def test_an_other_sense_must_contain_the_term(ws, run):
    (ws / "glossary").mkdir()
    (ws / "glossary" / "g.yaml").write_text(
        "- id: musan\n  type: place\n  en: Musan\n  ko: {preferred: 무산, other-senses: [결렬]}\n", encoding="utf-8"
    )
    code, out, _ = run("glossary", "validate")
    assert code == 1 and "other sense '결렬' (ko) does not contain a form of the term" in out

"""`translate check`: findings, formats, exit codes, fixes, and the build gate."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import polib
import pytest

from .conftest import ROOT, assert_clean_po, require, write_article

ARTICLE = """\
---
title: Kim Yo-jung warns the South
date: 2020-06-17
---

Kim Yo-jung issued a statement on Tuesday. Traders in Ryanggang Province listened.
"""

SARIF_SCHEMA = Path(os.environ.get("SARIF_SCHEMA", ROOT / ".venv" / "sarif-2.1.0.json"))


@pytest.fixture
def checked(ws: Path, run) -> Path:
    """A workspace with the newsroom glossary, one article and Korean/Japanese translations with mistakes."""
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    write_article(ws, "warning.md", ARTICLE)
    run("update")
    translations = {
        "ko": {
            "Kim Yo-jung warns the South": "김여정, 남측에 경고",
            "Kim Yo-jung issued a statement on Tuesday.": "김여정은 화요일 담화를 발표했다.",
            "Traders in Ryanggang Province listened.": "양강도의 상인들이 귀를 기울였다.",
        },
        "ja": {
            "Kim Yo-jung warns the South": "金與正氏、南側に警告",
            "Kim Yo-jung issued a statement on Tuesday.": "キム・ヨジョン氏は火曜日に談話を発表した。",
            "Traders in Ryanggang Province listened.": "商人たちが耳を傾けた。",
        },
    }
    for lang, table in translations.items():
        path = ws / "locales" / lang / "warning.po"
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = table[entry.msgid]
        po.save(str(path))
    return ws


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


def test_diff_shows_and_fix_rewrites_translations_only(checked, run):
    before = (checked / "locales/ko/warning.po").read_text(encoding="utf-8")
    code, out, _ = run("check", "--diff")
    assert code == 1
    assert '-msgstr "양강도의 상인들이 귀를 기울였다."' in out and '+msgstr "량강도의 상인들이 귀를 기울였다."' in out
    assert (checked / "locales/ko/warning.po").read_text(encoding="utf-8") == before

    code, out, err = run("check", "--fix")
    after = (checked / "locales/ko/warning.po").read_text(encoding="utf-8")
    assert "량강도의 상인들이" in after
    assert [a for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b] == [
        'msgstr "양강도의 상인들이 귀를 기울였다."'
    ]
    ja = (checked / "locales/ja/warning.po").read_text(encoding="utf-8")
    assert "金与正氏、南側に警告" in ja and "金与正氏は火曜日" in ja
    assert_clean_po(checked / "locales/ko/warning.po")
    assert code == 1 and "fixed 3 of 4" in err  # the missing term needs a translator
    code, out, _ = run("check")
    assert out.strip().splitlines()[-1] == "1 finding(s), 1 error(s)"


def test_text_files_take_their_language_from_folder_suffix_or_option(checked, run, tmp_path):
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "note.md").write_text("양강도 소식\n", encoding="utf-8")
    (tmp_path / "note.ja.md").write_text("兩江道の話\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Kim Yo Jong\n", encoding="utf-8")
    code, out, _ = run("check", str(tmp_path / "ko"), str(tmp_path / "note.ja.md"))
    assert code == 1 and "'양강도'" in out and "'兩江道'" in out
    code, _, err = run("check", str(tmp_path / "plain.txt"))
    assert code == 2 and "cannot tell the language" in err
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


def test_a_gloss_is_not_a_second_spelling(checked, run, tmp_path):
    page = tmp_path / "gloss.ja.md"
    page.write_text("金与正（キム・ヨジョン）氏は談話を出した。金与正氏はさらに述べた。\n", encoding="utf-8")
    assert run("check", str(page))[:2] == (0, "no findings\n")


def test_fixing_a_source_article_carries_into_its_catalogs_in_one_go(checked, run):
    article = checked / "articles" / "warning.md"
    article.write_text(ARTICLE.replace("Kim Yo-jung issued", "Kim Yo Jong issued"), encoding="utf-8")
    assert run("update")[0] == 0  # the translators' work now belongs to the variant spelling (fuzzy)
    path = checked / "locales" / "ko" / "warning.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgid == "Kim Yo Jong issued a statement on Tuesday.":
            entry.msgstr, entry.flags, entry.previous_msgid = "김여정은 화요일 담화를 발표했다.", [], None
    po.save(str(path))
    code, out, err = run("check", "--fix", "articles/warning.md")
    assert code == 0 and "carried into the catalogs: 2 translation(s) kept as they were" in err  # ko and ja
    assert "Kim Yo-jung issued" in article.read_text(encoding="utf-8")
    entry = next(e for e in polib.pofile(str(path)) if e.msgid.startswith("Kim Yo-jung issued"))
    assert entry.msgstr == "김여정은 화요일 담화를 발표했다." and not entry.fuzzy
    assert "Kim Yo-jung issued" in (checked / "locales" / "templates" / "warning.pot").read_text(encoding="utf-8")
    assert_clean_po(path)
    code, out, _ = run("update")
    assert "wrote: nothing (up to date)" in out


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

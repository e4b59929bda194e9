from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import polib

from tests.conftest import INTERVIEW, write_article

KOREAN = """\
---
title: 개성 연락사무소 터
date: 2020-06-17
lang: ko
---

북한이 폭파한 연락사무소 터가 방치돼 있다. 통일부는 잔해가 남아 있다고 밝혔다.

-- 복구 계획은 있나?

A: 없다.
"""


def fill(root: Path, lang: str, slug: str, translate=lambda e: f"<{e.msgid}>", fuzzy=()) -> None:
    path = root / "locales" / lang / f"{slug}.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr = translate(entry)
        if entry.msgid in fuzzy:
            entry.flags.append("fuzzy")
    po.save(str(path))


class Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def test_editions_in_every_language_with_structure_restored(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    fill(ws, "ko", "guard", lambda e: e.msgid.replace("Hyesan", "혜산"))
    fill(ws, "ja", "guard", lambda e: e.msgid.replace("Hyesan", "恵山"))
    code, _out, err = run("build")
    assert code == 0, err
    ko = (ws / "build/editions/ko/guard.md").read_text(encoding="utf-8")
    assert "\n◆ On the river\n" in ko
    assert "\n―How long did you serve?\n" in ko  # a Korean interview's question mark, its answer unmarked
    assert "\nSix years. I was posted near 혜산.\n" in ko
    assert "![Guards patrol the Yalu River near 혜산.](yalu.jpg)" in ko
    assert "[ministry report](https://example.org/report)" in ko
    assert "2021년 3월 2일" in ko
    ja = (ws / "build/editions/ja/guard.md").read_text(encoding="utf-8")
    assert "2021年3月2日" in ja
    assert "Six years.I was posted near 恵山." in ja  # Japanese joins sentences without a space
    en = (ws / "build/editions/en/guard.md").read_text(encoding="utf-8")
    assert "March 2, 2021" in en and "untranslated" not in en


def test_html_edition_has_lang_title_and_links_between_editions(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    fill(ws, "ko", "guard")
    run("build", "--format", "html")
    assert not (ws / "build/editions/ko/guard.md").exists()
    text = (ws / "build/editions/ko/guard.html").read_text(encoding="utf-8")
    page = Page(text)
    assert page.find("html", lang="ko")
    assert "<title>&lt;A border guard remembers Hyesan&gt;</title>" in text
    alternates = {a["hreflang"]: a["href"] for a in page.find("link", rel="alternate")}
    assert alternates == {
        "en": "../en/guard.html",
        "ko": "../ko/guard.html",
        "ja": "../ja/guard.html",
        "x-default": "../en/guard.html",
    }
    names = [a for a in page.find("a") if "hreflang" in a]
    assert {a["lang"] for a in names} == {"en", "ja"}
    assert "English" in text and "日本語" in text and "한국어" in text
    assert page.find("p", **{"class": "question"}) and page.find("h2", **{"class": "section"})
    assert page.find("a", href="https://example.org/report")
    assert page.find("time", datetime="2021-03-02")


def test_untranslated_and_fuzzy_units_fall_back_marked_and_reported(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    fill(
        ws, "ko", "guard", lambda e: "" if e.msgid == "Six years." else f"번역: {e.msgid}", fuzzy=("He left in 2019.",)
    )
    code, out, _ = run("build", "--json")
    assert code == 0
    report = {(e["slug"], e["language"]): e for e in json.loads(out)}
    ko = report[("guard", "ko")]
    assert ko["translated"] == ko["units"] - 2
    assert {f["source"]: f["problem"] for f in ko["fallback"]} == {
        "Six years.": "untranslated",
        "He left in 2019.": "fuzzy",
    }
    md = (ws / "build/editions/ko/guard.md").read_text(encoding="utf-8")
    assert '<span class="untranslated" lang="en">Six years.</span>' in md
    html = (ws / "build/editions/ko/guard.html").read_text(encoding="utf-8")
    assert 'class="untranslated" lang="en"' in html

    code, out, _ = run("build", "--json", "--allow-fuzzy")
    ko = {(e["slug"], e["language"]): e for e in json.loads(out)}[("guard", "ko")]
    assert [f["source"] for f in ko["fallback"]] == ["Six years."] and ko["fuzzy_used"] == 1


def test_min_translated_refuses_an_edition(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    fill(ws, "ko", "guard")
    code, out, _ = run("build", "--min-translated", "80")
    assert code == 1
    assert "guard [ja]: REFUSED, 0.0% translated, below --min-translated 80%" in out
    assert (ws / "build/editions/ko/guard.html").exists()
    assert not (ws / "build/editions/ja/guard.html").exists()


def test_translation_that_drops_a_link_placeholder_is_not_published(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    fill(ws, "ko", "guard", lambda e: e.msgid.replace("[1]", "") if "[1]" in e.msgid else e.msgid)
    _code, out, _ = run("build", "--json")
    ko = {(e["slug"], e["language"]): e for e in json.loads(out)}[("guard", "ko")]
    assert [f["problem"] for f in ko["fallback"]] == ["translation does not keep the link placeholders"]


def test_korean_source_builds_english_and_japanese(ws, run):
    write_article(ws, "kaesong.md", KOREAN)
    run("update")
    assert (ws / "locales/en/kaesong.po").exists() and not (ws / "locales/ko/kaesong.po").exists()
    fill(ws, "en", "kaesong", lambda e: {"없다.": "No."}.get(e.msgid, "EN"))
    run("build")
    en = (ws / "build/editions/en/kaesong.md").read_text(encoding="utf-8")
    assert "\nA: No.\n" in en and "June 17, 2020" in en
    ko = (ws / "build/editions/ko/kaesong.md").read_text(encoding="utf-8")
    assert "북한이 폭파한 연락사무소 터가 방치돼 있다. 통일부는" in ko


def test_build_refuses_when_the_article_changed_since_update(ws, run):
    path = write_article(ws, "guard.md", INTERVIEW)
    run("update")
    path.write_text(INTERVIEW.replace("Six years.", "Seven years."), encoding="utf-8")
    code, _, err = run("build")
    assert code == 2 and "run: translate update articles/guard.md" in err
    assert not (ws / "build").exists()


def test_out_option(ws, run, tmp_path):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    run("build", "--out", str(tmp_path / "site"))
    assert sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.*")) == [
        f"{lang}/guard.{ext}" for lang in ("en", "ja", "ko") for ext in ("html", "md")
    ]


def test_inline_markdown_survives_and_plain_text_articles_build(ws, run):
    (ws / "articles").mkdir()
    (ws / "articles" / "pasted.txt").write_text(
        "Guards return to Hyesan\n\nThe guards came back in *March*. See https://example.org/a for `data`.\n",
        encoding="utf-8",
    )
    run("update")
    fill(ws, "ko", "pasted", lambda e: e.msgid.replace("The guards came back in", "경비대가 돌아온 때는"))
    code, _, err = run("build")
    assert code == 0, err
    ko = (ws / "build/editions/ko/pasted.md").read_text(encoding="utf-8")
    assert "경비대가 돌아온 때는 *March*." in ko
    assert "See <https://example.org/a> for `data`." in ko
    html = (ws / "build/editions/ko/pasted.html").read_text(encoding="utf-8")
    assert "<em>March</em>" in html and "<code>data</code>" in html


def test_translation_with_raw_html_is_shown_as_text(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    fill(ws, "ko", "guard", lambda e: "<script>alert(1)</script>" if e.msgid == "Six years." else e.msgid)
    run("build")
    html = (ws / "build/editions/ko/guard.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html

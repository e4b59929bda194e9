"""Pages a newsroom can publish: photos beside them, links only to published siblings, each
language's interview style, readings over Korean names in Japanese, and gates over what is shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest

from tests.conftest import INTERVIEW, write_article
from translate.catalog.notes import Provenance

GLOSSARY = """\
- id: hyesan
  type: place
  en: Hyesan
  ko: 혜산
  ja: {preferred: 恵山, reading: ヘサン}
- id: kim-yo-jung
  type: person
  en: Kim Yo-jung
  ko: 김여정
  ja: {preferred: 金与正, reading: キム・ヨジョン}
"""


def photo(root: Path, name: str = "yalu.jpg") -> bytes:
    data = b"\xff\xd8\xff\xe0 not decoded by the build, only copied \xff\xd9"
    (root / "articles" / name).write_bytes(data)
    return data


def fill(root: Path, lang: str, translate, drafts=(), fuzzy=()) -> None:
    """Translate every entry; ``drafts`` become unreviewed translate mt output, ``fuzzy`` a person's fuzzy."""
    path = root / "locales" / lang / "guard.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr = translate(entry.msgid)
        if entry.msgid in drafts:
            Provenance("argos", ["translate-en_ko 1.9"], [], "2026-12-01", entry.msgstr).put(entry)
        if entry.msgid in drafts or entry.msgid in fuzzy:
            entry.flags.append("fuzzy")
    po.save(str(path))


def ready(ws: Path, run, glossary: str = "") -> None:
    write_article(ws, "guard.md", INTERVIEW)
    if glossary:
        (ws / "glossary").mkdir()
        (ws / "glossary" / "names.yaml").write_text(glossary, encoding="utf-8")
    assert run("update")[0] == 0


def page(ws: Path, lang: str) -> str:
    return (ws / "build/editions" / lang / "guard.html").read_text(encoding="utf-8")


def test_photos_are_copied_beside_every_edition_and_a_missing_one_is_a_warning(ws, run):
    ready(ws, run)
    code, out, _ = run("build")
    assert code == 0
    assert out.count("warning: photo yalu.jpg not found beside the article (articles/guard.md)") == 3
    data = photo(ws)
    code, out, _ = run("build")
    assert code == 0 and "warning" not in out
    for lang in ("en", "ko", "ja"):
        assert (ws / "build/editions" / lang / "yalu.jpg").read_bytes() == data
    html = page(ws, "ko")
    assert '<figure><img src="yalu.jpg" alt="" aria-describedby="figure-4">' in html
    assert '<figcaption id="figure-4">' in html  # the caption says it once: alt is not a second copy


def test_a_base_url_makes_links_absolute_with_x_default_and_a_sitemap(ws, run):
    ready(ws, run)
    assert run("build", "--base-url", "https://news.example.org/")[0] == 0
    html = page(ws, "ja")
    assert '<link rel="canonical" href="https://news.example.org/ja/guard.html">' in html
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))
    assert alternates == {
        "en": "https://news.example.org/en/guard.html",
        "ko": "https://news.example.org/ko/guard.html",
        "ja": "https://news.example.org/ja/guard.html",
        "x-default": "https://news.example.org/en/guard.html",  # the source edition
    }
    sitemap = (ws / "build/editions/sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == 3 and sitemap.count('<xhtml:link rel="alternate"') == 12  # x-default too
    assert "<loc>https://news.example.org/ko/guard.html</loc>" in sitemap


def test_without_a_base_url_links_are_relative_and_there_is_no_sitemap(ws, run):
    ready(ws, run)
    assert run("build")[0] == 0
    html = page(ws, "ko")
    assert 'rel="canonical"' not in html
    assert '<link rel="alternate" hreflang="x-default" href="../en/guard.html">' in html
    assert not (ws / "build/editions/sitemap.xml").exists()


def test_a_refused_edition_is_not_linked_and_its_old_files_go(ws, run):
    ready(ws, run)
    fill(ws, "ko", lambda text: f"번역 {text}")
    assert run("build")[0] == 0
    assert (ws / "build/editions/ja/guard.html").exists()
    code, out, _ = run("build", "--min-translated", "50")
    assert code == 1 and "guard [ja]: REFUSED" in out
    assert not (ws / "build/editions/ja/guard.html").exists() and not (ws / "build/editions/ja/guard.md").exists()
    html = page(ws, "ko")
    assert "ja/guard.html" not in html and "日本語" not in html
    assert 'hreflang="en"' in html and 'hreflang="ko"' in html


def test_bare_urls_become_links(ws, run):
    text = INTERVIEW.replace("for the figures.", "for the figures, also at https://example.org/data.")
    write_article(ws, "guard.md", text)
    run("update")
    run("build")
    assert '<a href="https://example.org/data">https://example.org/data</a>' in page(ws, "en")


def test_interview_turns_are_marked_as_each_language_writes_them(ws, run):
    ready(ws, run)
    fill(ws, "ko", lambda text: f"번역 {text}")
    fill(ws, "ja", lambda text: f"訳 {text}")
    run("build")
    en = page(ws, "en")
    assert '<p class="question"><span class="marker">Q:</span> How long did you serve?</p>' in en
    assert '<p class="answer"><span class="marker">A:</span> Six years.' in en
    assert '<p class="question"><span class="marker">―</span>번역 How long did you serve?</p>' in page(ws, "ko")
    ja = page(ws, "ja")
    assert '<p class="question"><span class="marker">――</span>訳 How long did you serve?</p>' in ja
    assert '<p class="answer">訳 Six years.' in ja  # a Japanese answer carries no marker
    md = (ws / "build/editions/ja/guard.md").read_text(encoding="utf-8")
    assert "\n――訳 How long did you serve?\n" in md


def test_interview_style_is_set_in_translate_toml(ws, run):
    (ws / "translate.toml").write_text(
        '[workspace]\nlanguages = ["en", "ko", "ja"]\n\n'
        '[editions.interview.en]\nquestion = "— "\nanswer = ""\n\n[editions.interview.ko]\nanswer = "답: "\n',
        encoding="utf-8",
    )
    ready(ws, run)
    run("build")
    assert '<span class="marker">—</span> How long did you serve?' in page(ws, "en")
    assert '<p class="answer">Six years.' in page(ws, "en")
    ko = page(ws, "ko")
    assert '<p class="question"><span class="marker">―</span><span' in ko
    assert '<p class="answer"><span class="marker">답:</span> <span' in ko


def test_a_japanese_double_dash_question_keeps_no_stray_dash(ws, run):
    write_article(ws, "q.md", "---\ntitle: 取材\nlang: ja\n---\n\n――いつ国境を越えましたか。\n\nA: 2019年です。\n")
    run("update")
    template = (ws / "locales/templates/q.pot").read_text(encoding="utf-8")
    assert 'msgid "いつ国境を越えましたか。"' in template and "―" not in template


def test_korean_names_in_kanji_get_their_reading_on_first_mention(ws, run):
    ready(ws, run, GLOSSARY)
    fill(ws, "ja", lambda text: text.replace("Hyesan", "恵山").replace("Incheon", "仁川"))
    code, _, err = run("build")
    assert code == 0, err
    ja = page(ws, "ja")
    ruby = "<ruby>恵山<rp>（</rp><rt>ヘサン</rt><rp>）</rp></ruby>"
    headline = ja.split("<h1>")[1].split("</h1>")[0]
    assert "恵山" in headline and "<ruby>" not in headline  # as papers gloss: in the text, not the headline
    assert ja.count(ruby) == 1 and ja.index(ruby) < ja.index("恵山", ja.index(ruby) + len(ruby))
    assert "<ruby>" not in page(ws, "ko") and "<ruby>" not in page(ws, "en")


def test_readings_on_every_mention_or_none(ws, run):
    for mode, count in (("every", 2), ("none", 0)):  # the lead's two mentions; never in the headline
        (ws / "translate.toml").write_text(
            f'[workspace]\nlanguages = ["en", "ko", "ja"]\n\n[editions]\nreadings = "{mode}"\n', encoding="utf-8"
        )
        if not (ws / "articles/guard.md").exists():
            ready(ws, run, GLOSSARY)
            fill(ws, "ja", lambda text: text.replace("Hyesan", "恵山"))
        run("build")
        assert page(ws, "ja").count("<rt>ヘサン</rt>") == count, mode


def test_a_name_glossed_in_brackets_keeps_its_gloss_instead_of_ruby(ws, run):
    ready(ws, run, GLOSSARY)
    fill(ws, "ja", lambda text: text.replace("Hyesan", "恵山（ヘサン）"))
    run("build")
    assert "<ruby>恵山" not in page(ws, "ja") and "恵山（ヘサン）" in page(ws, "ja")


def test_machine_drafts_need_allow_mt_and_fuzzy_translations_allow_fuzzy(ws, run):
    ready(ws, run)
    draft, changed = "He left in 2019.", "He now lives in Incheon."
    fill(ws, "ko", lambda text: f"번역 {text}", drafts=(draft,), fuzzy=(changed,))

    def fallback(*options: str) -> dict:
        _, out, _ = run("build", "--json", *options)
        ko = next(e for e in json.loads(out) if e["language"] == "ko")
        return {f["source"]: f["problem"] for f in ko["fallback"]} | {"drafts": len(ko["machine_drafts"])}

    assert fallback() == {draft: "machine draft", changed: "fuzzy", "drafts": 0}
    assert fallback("--allow-fuzzy") == {draft: "machine draft", "drafts": 0}
    assert fallback("--allow-mt") == {changed: "fuzzy", "drafts": 1}
    assert fallback("--allow-mt", "--allow-fuzzy") == {"drafts": 1}
    _, out, _ = run("build", "--allow-mt")
    assert "1 unreviewed machine draft(s)" in out and "published as a draft of argos: 번역 He left in 2019." in out


def test_an_edited_draft_is_a_persons_translation(ws, run):
    ready(ws, run)
    fill(ws, "ko", lambda text: f"번역 {text}", drafts=("He left in 2019.",))
    path = ws / "locales/ko/guard.po"
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if e.msgid == "He left in 2019.")
    entry.msgstr = "그는 2019년에 떠났다."  # the translator rewrote it and left it fuzzy
    po.save(str(path))
    _, out, _ = run("build", "--json", "--allow-fuzzy")
    ko = next(e for e in json.loads(out) if e["language"] == "ko")
    assert ko["fallback"] == [] and ko["machine_drafts"] == []


def korean(text: str) -> str:
    """A stand-in translation the QA signals pass: Korean, its numbers and link placeholders kept."""
    kept = re.findall(r"\d+|\[\d+\]|\{\d+\}", text)
    return " ".join(["한국어로 옮긴 문장", *kept]) + "이다."


def test_min_score_averages_only_the_units_the_edition_publishes(ws, run):
    ready(ws, run)
    draft = "He left in 2019."
    fill(ws, "ko", lambda text: korean(text) if text != draft else "x x x x x x x x", drafts=(draft,))
    code, out, _ = run("score", "--metric", "qa", "--json")
    assert code == 0, out
    code, out, _ = run("build", "--json", "--min-score", "90")
    ko = next(e for e in json.loads(out) if e["language"] == "ko")
    assert ko["refused"] is None and ko["qa"] >= 90  # the draft is not shown, so its poor score does not count
    code, out, _ = run("build", "--json", "--min-score", "90", "--allow-mt")
    ko = next(e for e in json.loads(out) if e["language"] == "ko")
    assert code == 1 and ko["qa"] < 90 and "below --min-score 90" in ko["refused"]


def test_a_workspace_page_template(ws, run):
    (ws / "translate.toml").write_text(
        '[workspace]\nlanguages = ["en", "ko", "ja"]\n\n[editions]\ntemplate = "site/page.html"\n', encoding="utf-8"
    )
    (ws / "site").mkdir()
    (ws / "site/page.html").write_text(
        '<html lang="{{ lang }}"><title>{{ title }} | Newsroom</title>'
        "{% for e in editions %}<a href='{{ e.href }}'>{{ e.name }}</a>{% endfor %}"
        "<main>{{ heading }}{{ body }}</main></html>\n",
        encoding="utf-8",
    )
    ready(ws, run)
    assert run("build")[0] == 0
    html = page(ws, "ko")
    assert html.startswith('<html lang="ko"><title>A border guard remembers Hyesan | Newsroom</title>')
    assert "<a href='../ja/guard.html'>日本語</a>" in html and '<p class="question">' in html


def test_a_broken_page_template_is_an_error_naming_its_line(ws, run):
    (ws / "translate.toml").write_text(
        '[workspace]\nlanguages = ["en", "ko", "ja"]\n\n[editions]\ntemplate = "page.html"\n', encoding="utf-8"
    )
    (ws / "page.html").write_text("<html>\n{% for e in editions %}\n</html>\n", encoding="utf-8")
    ready(ws, run)
    code, _, err = run("build")
    assert code == 2 and err.startswith("translate: error: page.html:") and "invalid page template" in err


def test_photo_addresses_as_markdown_writes_them(ws, run):
    article = INTERVIEW.replace("(yalu.jpg)", "(<river photo.jpg>)") + "\n![A market.](img/market%20day.jpg?v=2)\n"
    write_article(ws, "guard.md", article)
    (ws / "articles/img").mkdir()
    (ws / "articles/river photo.jpg").write_bytes(b"river")
    (ws / "articles/img/market day.jpg").write_bytes(b"market")
    run("update")
    code, out, _ = run("build")
    assert code == 0 and "warning" not in out
    assert (ws / "build/editions/ko/river photo.jpg").read_bytes() == b"river"
    assert (ws / "build/editions/ko/img/market day.jpg").read_bytes() == b"market"
    assert 'src="river photo.jpg"' in page(ws, "ko") and 'src="img/market%20day.jpg?v=2"' in page(ws, "ko")


def test_a_photo_that_is_a_link_or_outside_the_article_folder_is_not_copied(ws, run, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    secret.write_text("not for the website", encoding="utf-8")
    article = INTERVIEW + "\n![Outside.](../outside.jpg)\n\n![Absolute.](/srv/photos/a.jpg)\n"
    write_article(ws, "guard.md", article)
    (ws / "articles/yalu.jpg").symlink_to(secret)
    run("update")
    code, out, _ = run("build")
    assert code == 0
    assert "warning: photo yalu.jpg is a symbolic link: not copied (articles/guard.md)" in out
    assert "warning: photo ../outside.jpg is outside the article's folder: not copied" in out
    assert "warning: photo /srv/photos/a.jpg is outside the article's folder: not copied" in out
    assert not list((ws / "build/editions/ko").glob("*.jpg"))


def test_a_web_address_for_a_photo_is_linked_as_it_is(ws, run):
    write_article(ws, "guard.md", INTERVIEW.replace("(yalu.jpg)", "(https://example.org/yalu.jpg)"))
    run("update")
    code, out, _ = run("build")
    assert code == 0 and "warning" not in out and 'src="https://example.org/yalu.jpg"' in page(ws, "ja")


def test_a_build_without_a_base_url_removes_the_sitemap_an_earlier_one_wrote(ws, run):
    ready(ws, run)
    run("build", "--base-url", "https://news.example.org/")
    assert (ws / "build/editions/sitemap.xml").exists()
    run("build")
    assert not (ws / "build/editions/sitemap.xml").exists()


def test_a_base_url_must_be_a_site_address(ws, run):
    ready(ws, run)
    for bad in ("news.example.org", "ftp://example.org/", "https://example.org/?q=1"):
        with pytest.raises(SystemExit) as exit_code:
            run("build", "--base-url", bad)
        assert exit_code.value.code == 2


def test_an_error_while_rendering_a_page_template_names_the_template(ws, run):
    (ws / "translate.toml").write_text(
        '[workspace]\nlanguages = ["en", "ko", "ja"]\n\n[editions]\ntemplate = "page.html"\n', encoding="utf-8"
    )
    ready(ws, run)
    for body, problem in (
        ("<html>\n{{ typo }}\n</html>\n", "'typo' is undefined"),
        ("<html>\n\n{{ 1 / 0 }}\n</html>\n", "ZeroDivisionError"),
        ('<html>\n{% include "missing.html" %}\n</html>\n', "missing.html"),
    ):
        (ws / "page.html").write_text(body, encoding="utf-8")
        code, _, err = run("build")
        assert code == 2 and err.startswith("translate: error: page.html:") and problem in err, err


def test_a_template_may_include_a_file_beside_it(ws, run):
    (ws / "translate.toml").write_text(
        '[workspace]\nlanguages = ["en", "ko", "ja"]\n\n[editions]\ntemplate = "site/page.html"\n', encoding="utf-8"
    )
    (ws / "site").mkdir()
    (ws / "site/page.html").write_text('{% include "footer.html" %}{{ body }}', encoding="utf-8")
    (ws / "site/footer.html").write_text("<footer>Newsroom</footer>", encoding="utf-8")
    ready(ws, run)
    assert run("build")[0] == 0 and page(ws, "en").startswith("<footer>Newsroom</footer>")


def test_an_article_that_never_went_through_update_is_named_not_silently_left_out(ws, run):
    ready(ws, run)
    write_article(ws, "late.md", "---\ntitle: A late story\n---\n\nTraders waited.\n")
    code, out, err = run("build")
    assert code == 0 and "guard [ko]" in out
    assert "articles/late.md: not built, it has no catalogs yet (run translate update)" in err
    run("update")
    assert "not built" not in run("build")[2]

"""translate build skips an article only when its inputs and its editions are as the last build left them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import INTERVIEW, write_article
from tests.editions.test_build import fill
from translate import freshness
from translate.editions import build


@pytest.fixture
def built(ws: Path, run, monkeypatch) -> list[str]:
    """Two articles, updated, translated and built once; then the slugs each later build rebuilds."""
    write_article(ws, "guard.md", INTERVIEW)
    write_article(ws, "river.md", "# The river\n\nThe Yalu froze early this year.\n")
    (ws / "articles/yalu.jpg").write_bytes(b"\xff\xd8 a photo \xff\xd9")
    run("update")
    for lang in ("ko", "ja"):
        fill(ws, lang, "guard")
        fill(ws, lang, "river")
    code, _, err = run("build")
    assert code == 0, err
    rebuilt: list[str] = []
    real = build.load_source

    def spy(ws, template_path):
        rebuilt.append(template_path.stem)
        return real(ws, template_path)

    monkeypatch.setattr(build, "load_source", spy)
    return rebuilt


def test_a_second_build_builds_nothing_and_reports_the_same(ws, run, built):
    _, first, _ = run("build", "--json", "--force")
    built.clear()
    _, again, _ = run("build", "--json")
    assert built == [] and again == first
    _, text, _ = run("build")
    _, forced, _ = run("build", "--force")
    assert text == forced


def test_a_refused_edition_is_refused_again_without_being_built(ws, run, built):
    fill(ws, "ja", "river", lambda e: "")
    code, out, _ = run("build", "--min-translated", "100")
    assert code == 1 and "river [ja]: REFUSED" in out
    built.clear()
    again = run("build", "--min-translated", "100")
    assert built == [] and again == (code, out, "")


def test_a_changed_catalog_rebuilds_its_article_only(ws, run, built):
    fill(ws, "ko", "river", lambda e: "압록강이 올해 일찍 얼었다." if e.msgid.startswith("The Yalu") else e.msgstr)
    assert run("build")[0] == 0
    assert built == ["river"]
    assert "압록강이 올해 일찍 얼었다." in (ws / "build/editions/ko/river.md").read_text(encoding="utf-8")


def test_a_new_photo_is_copied_again(ws, run, built):
    (ws / "articles/yalu.jpg").write_bytes(b"\xff\xd8 another photo \xff\xd9")
    run("build")
    assert built == ["guard"]
    assert (ws / "build/editions/ja/yalu.jpg").read_bytes() == b"\xff\xd8 another photo \xff\xd9"


@pytest.mark.parametrize("damage", ["delete", "edit"])
def test_an_edition_changed_or_deleted_after_the_build_is_written_again(ws, run, built, damage):
    page = ws / "build/editions/ja/river.html"
    expected = page.read_bytes()
    page.unlink() if damage == "delete" else page.write_text("edited by hand", encoding="utf-8")
    run("build")
    assert built == ["river"] and page.read_bytes() == expected


def test_a_deleted_photo_copy_is_copied_again(ws, run, built):
    (ws / "build/editions/ko/yalu.jpg").unlink()
    run("build")
    assert built == ["guard"] and (ws / "build/editions/ko/yalu.jpg").is_file()


@pytest.mark.parametrize(
    "change",
    [
        ("--base-url", "https://example.org/news"),
        ("--allow-fuzzy",),
        ("--format", "md"),
        ("--out", "elsewhere"),
    ],
)
def test_other_options_rebuild_everything(ws, run, built, change):
    run("build", *change)
    assert sorted(built) == ["guard", "river"]


def test_a_changed_glossary_rebuilds_everything(ws, run, built):
    (ws / "glossary").mkdir(exist_ok=True)
    (ws / "glossary/places.yaml").write_text(
        "- id: yalu\n  type: place\n  en: {preferred: Yalu, forbidden: [Amnok]}\n  ko: {preferred: 압록강}\n",
        encoding="utf-8",
    )
    run("build")
    assert sorted(built) == ["guard", "river"]


def test_a_changed_page_template_rebuilds_everything(ws, run, built):
    (ws / "page.html").write_text("<html lang='{{ lang }}'>{{ body }}</html>", encoding="utf-8")
    with open(ws / "translate.toml", "a", encoding="utf-8") as config:
        config.write('[editions]\ntemplate = "page.html"\n')
    run("build")
    assert sorted(built) == ["guard", "river"]
    built.clear()
    (ws / "page.html").write_text("<html lang='{{ lang }}'><main>{{ body }}</main></html>", encoding="utf-8")
    run("build")
    assert sorted(built) == ["guard", "river"]


def test_a_new_toolkit_rebuilds_everything(ws, run, built, monkeypatch):
    monkeypatch.setattr(freshness, "toolkit", lambda: "another release")
    run("build")
    assert sorted(built) == ["guard", "river"]

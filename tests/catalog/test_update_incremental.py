"""translate update skips an article only when every input is as the last update left it, by content."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import polib
import pytest

from tests.conftest import INTERVIEW, write_article
from translate import freshness
from translate.catalog.update import update
from translate.catalog.workspace import Workspace


def updated(root: Path, **options) -> dict[str, bool]:
    """Each article's source → whether this update skipped it."""
    return {r.source: r.skipped for r in update(Workspace.load(root), **options)}


@pytest.fixture
def two(ws: Path) -> Path:
    write_article(ws, "guard.md", INTERVIEW)
    write_article(ws, "river.md", "# The river\n\nThe Yalu froze early this year. Traders crossed on foot.\n")
    assert updated(ws) == {"articles/guard.md": False, "articles/river.md": False}
    return ws


def test_a_second_update_skips_every_article_and_says_the_same(two, run):
    assert updated(two) == {"articles/guard.md": True, "articles/river.md": True}
    _, skipped, _ = run("update", "--json")
    _, forced, _ = run("update", "--json", "--force")
    assert skipped == forced  # the report of an unchanged article is what a full update reports
    _, text, _ = run("update")
    _, text_forced, _ = run("update", "--force")
    assert text == text_forced and "wrote: nothing (up to date)" in text


def test_an_edited_article_is_updated_and_only_it(two):
    path = two / "articles/river.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe ice broke in March.\n", encoding="utf-8")
    assert updated(two) == {"articles/guard.md": True, "articles/river.md": False}
    assert "The ice broke in March." in (two / "locales/templates/river.pot").read_text(encoding="utf-8")


def test_the_same_bytes_rewritten_later_are_still_unchanged(two):
    path = two / "articles/river.md"
    path.write_bytes(path.read_bytes())
    os.utime(path, (1, 1))  # a timestamp alone decides nothing
    assert updated(two)["articles/river.md"] is True


def test_a_catalog_a_translator_saved_is_merged_again(two):
    path = two / "locales/ko/river.po"
    po = polib.pofile(str(path))
    po[0].msgstr = "압록강"
    po.save(str(path))
    assert updated(two)["articles/river.md"] is False
    assert polib.pofile(str(path))[0].msgstr == "압록강"  # the translation is kept, the catalog rewritten
    assert updated(two)["articles/river.md"] is True


def test_a_deleted_catalog_is_written_again(two):
    (two / "locales/ja/river.po").unlink()
    assert updated(two)["articles/river.md"] is False
    assert (two / "locales/ja/river.po").is_file()


def test_a_new_language_in_the_settings_updates_every_article(two):
    (two / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko", "ja", "zh"]\n', encoding="utf-8")
    assert updated(two) == {"articles/guard.md": False, "articles/river.md": False}
    assert (two / "locales/zh/river.po").is_file()


def test_a_changed_glossary_updates_every_article(two):
    glossary = two / "glossary" / "people.yaml"
    glossary.parent.mkdir(exist_ok=True)
    glossary.write_text("- id: hyesan\n  type: place\n  en: {preferred: Hyesan}\n  ko: {preferred: 혜산}\n")
    respelling = lambda lang: None  # noqa: E731 (update only asks whether there is one)
    assert set(updated(two, respelling=respelling).values()) == {False}
    assert set(updated(two, respelling=respelling).values()) == {True}
    glossary.write_text(glossary.read_text() + "  ja: {preferred: 恵山}\n")
    assert set(updated(two, respelling=respelling).values()) == {False}


def test_a_new_toolkit_updates_every_article(two, monkeypatch):
    monkeypatch.setattr(freshness, "toolkit", lambda: "another release")
    assert set(updated(two).values()) == {False}


def test_a_dry_run_skips_unchanged_articles_but_records_nothing(two):
    path = two / "articles/river.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe ice broke in March.\n", encoding="utf-8")
    before = (two / ".translate/cache/update.json").read_bytes()
    assert updated(two, dry_run=True) == {"articles/guard.md": True, "articles/river.md": False}
    assert (two / ".translate/cache/update.json").read_bytes() == before


@pytest.mark.parametrize("damage", ["", "{not json", '{"format": 99, "records": {}}', '{"format": 1, "records": []}'])
def test_an_unreadable_record_means_everything_is_updated_again(two, damage):
    (two / ".translate/cache/update.json").write_text(damage, encoding="utf-8")
    assert set(updated(two).values()) == {False}
    assert json.loads((two / ".translate/cache/update.json").read_text())["format"] == freshness.FORMAT


def test_records_survive_moving_the_workspace(two, tmp_path_factory):
    moved = tmp_path_factory.mktemp("elsewhere") / "newsroom"
    shutil.copytree(two, moved)
    assert set(updated(moved).values()) == {True}

"""The compiled glossary is kept by the content of its files, and never served for other contents."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate import freshness
from translate.catalog.workspace import Workspace
from translate.errors import InputError
from translate.glossary import compiled, folder
from translate.glossary.matcher import Matcher

PEOPLE = """\
- id: kim-yo-jung
  type: person
  en: {preferred: Kim Yo-jung}
  ko: {preferred: 김여정}
"""


@pytest.fixture
def compiles(monkeypatch, tmp_path) -> list[int]:
    """A fresh user cache, and one entry per glossary compiled (not read from it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    counted: list[int] = []
    real = Matcher.__init__

    def counting(self, *args, **kwargs):
        counted.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(Matcher, "__init__", counting)
    return counted


def glossary(ws: Path, text: str = PEOPLE) -> Path:
    (ws / "glossary").mkdir(exist_ok=True)
    path = ws / "glossary" / "people.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def variants_found(ws: Path, text: str) -> list[str]:
    return [hit.found for hit in folder.matcher_for(Workspace.load(ws)).find(text, "en") if not hit.accepted]


def test_the_second_run_reads_the_compiled_glossary(ws, compiles):
    glossary(ws)
    assert variants_found(ws, "Kim Yo Jong spoke.") == ["Kim Yo Jong"]
    assert variants_found(ws, "Kim Yo Jong spoke.") == ["Kim Yo Jong"]
    assert len(compiles) == 1
    assert list(compiled.folder().glob("*.pickle"))


def test_an_edited_glossary_is_compiled_again(ws, compiles):
    path = glossary(ws)
    assert variants_found(ws, "Choe Son Hui met Kim Yo Jong.") == ["Kim Yo Jong"]
    path.write_text(
        PEOPLE + "- id: choe-son-hui\n  type: person\n  en: {preferred: Choe Son-hui}\n  ko: {preferred: 최선희}\n"
    )
    assert variants_found(ws, "Choe Son Hui met Kim Yo Jong.") == ["Choe Son Hui", "Kim Yo Jong"]
    assert len(compiles) == 2


def test_a_new_toolkit_compiles_again(ws, compiles, monkeypatch):
    glossary(ws)
    variants_found(ws, "Kim Yo Jong")
    monkeypatch.setattr(freshness, "toolkit", lambda: "another release")
    variants_found(ws, "Kim Yo Jong")
    assert len(compiles) == 2


def test_an_invalid_glossary_is_refused_every_time_and_never_kept(ws, compiles):
    glossary(ws, PEOPLE.replace("{preferred: 김여정}", "{preferred: ''}"))
    for _ in range(2):
        with pytest.raises(InputError):
            folder.matcher_for(Workspace.load(ws))
    assert not list(compiled.folder().glob("*.pickle"))


def test_a_damaged_cache_file_is_compiled_again_and_replaced(ws, compiles):
    glossary(ws)
    variants_found(ws, "Kim Yo Jong")
    (kept,) = compiled.folder().glob("*.pickle")
    kept.write_bytes(kept.read_bytes()[:100])
    assert variants_found(ws, "Kim Yo Jong") == ["Kim Yo Jong"]
    assert variants_found(ws, "Kim Yo Jong") == ["Kim Yo Jong"]
    assert len(compiles) == 2


def test_no_cache_when_turned_off(ws, compiles, monkeypatch):
    monkeypatch.setenv("TRANSLATE_NO_CACHE", "1")
    glossary(ws)
    variants_found(ws, "Kim Yo Jong")
    variants_found(ws, "Kim Yo Jong")
    assert len(compiles) == 2 and not compiled.folder().exists()


def test_only_the_newest_compiled_glossaries_are_kept(ws, compiles):
    path = glossary(ws)
    for number in range(compiled.KEEP + 3):
        path.write_text(PEOPLE + f"# edit {number}\n", encoding="utf-8")
        variants_found(ws, "Kim Yo Jong")
    assert len(list(compiled.folder().glob("*.pickle"))) == compiled.KEEP


def test_the_cache_is_the_users_not_the_workspaces(ws):
    assert not compiled.folder().is_relative_to(ws)  # a pickle committed to a repository is never read

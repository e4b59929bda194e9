"""The glossary folder: the newsroom glossary loads, validates and self-tests; errors name file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT
from translate import glossary
from translate.errors import InputError


def test_newsroom_glossary_is_large_valid_and_self_tested():
    loaded = glossary.load(ROOT / "glossary")
    assert len(loaded) >= 60
    assert {"person", "place", "organization", "media"} <= {t.type for t in loaded}
    assert all({"en", "ko", "ja"} <= set(t.forms) for t in loaded)


def write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir(exist_ok=True)
    (folder / "g.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("- id: a\n  en: A\n- id: a\n  en: B\n", "duplicate id 'a'", 3),
        ("- id: a\n  en: Alpha\n- id: b\n  en: {preferred: Beta, forbidden: [Alpha]}\n", "is a house form of a", 4),
        ("- id: a\n  en: {preferred: ''}\n", "empty preferred form in en", 2),
        ("- id: a\n  kr: 김\n", "did you mean 'ko'", 2),
        ("- id: a\n  en: {preferred: A, admitted: ['\u200b']}\n", "can never match", 2),
        ("- id: a\n  type: human\n  en: A\n", "unknown type 'human'", 2),
        ("- id: a\n  en: Alpha\n  examples:\n    match: {en: [Beta]}\n", "should match", 4),
        ("- id: a\n  en: [oops\n", "invalid YAML", 3),
    ],
)
def test_validation_names_file_and_line(tmp_path, text, message, line):
    with pytest.raises(InputError, match=message) as info:
        glossary.load(write(tmp_path, text))
    assert info.value.line == line
    assert info.value.path.endswith("g.yaml")

"""tm import: every problem of a TMX file listed with its line, one refusal, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from translate import memory
from translate.cli import main
from translate.errors import InputError

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header srclang="en"/>\n'
GOOD_TU = (
    '<tu><tuv xml:lang="en"><seg>The office closed.</seg></tuv>'
    '<tuv xml:lang="ko"><seg>사무소는 닫았다.</seg></tuv></tu>\n'
)


def tmx(body: str) -> str:
    return HEAD + "<body>\n" + body + "</body>\n</tmx>\n"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko", "ja"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_valid_file_is_copied_byte_for_byte(ws, capsys):
    source = ws / "desk.tmx"
    source.write_bytes(tmx(GOOD_TU + GOOD_TU.replace("office", "shop")).encode("utf-8"))
    code, out, err = run(capsys, "tm", "import", "desk.tmx")
    assert (code, err) == (0, "")
    assert "2 translation unit(s) added as locales/memory/desk.tmx" in out
    assert (ws / "locales/memory/desk.tmx").read_bytes() == source.read_bytes()
    segments = memory.from_tmx(ws / "locales/memory/desk.tmx", "en", "ko")
    assert [s.target for s in segments] == ["사무소는 닫았다.", "사무소는 닫았다."]


def test_every_bad_unit_is_listed_with_its_line_and_nothing_is_written(ws, capsys):
    body = (
        GOOD_TU  # line 5
        + "<tu></tu>\n"  # 6: no tuv
        + '<tu><tuv xml:lang="en"><seg>Only English.</seg></tuv></tu>\n'  # 7: one tuv
        + '<tu><tuv><seg>Guards.</seg></tuv><tuv xml:lang="ko"><seg>경비대.</seg></tuv></tu>\n'  # 8: no language
        + '<tu><tuv xml:lang="en"><seg>Guards.</seg></tuv><tuv xml:lang="kr"><seg>경비대.</seg></tuv></tu>\n'  # 9
        + '<tu><tuv lang="en"></tuv><tuv xml:lang="ko"><seg>경비대.</seg></tuv></tu>\n'  # 10: no seg
    )
    (ws / "bad.tmx").write_text(tmx(body), encoding="utf-8")
    code, out, err = run(capsys, "tm", "import", "bad.tmx")
    assert code == 2
    assert err == "translate: error: bad.tmx: 5 problem(s) in the translation units; nothing written\n"
    lines = out.splitlines()
    assert [line.split(":")[1] for line in lines] == ["6", "7", "8", "9", "10"]
    assert all(line.startswith("bad.tmx:") for line in lines)
    assert "did you mean 'ko'?" in lines[3] and "without <seg>" in lines[4]
    assert not (ws / "locales").exists()  # not even the memory folder


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/></tmx>\n', "no <body>"),
        (tmx(""), "no translation units"),
        ('<?xml version="1.0"?>\n<xliff version="1.2"><file/></xliff>\n', "root element is <xliff>"),
        ("", "invalid TMX"),
        ('<!DOCTYPE tmx [<!ENTITY a "x">]>\n' + tmx(GOOD_TU.replace("office", "&a;")), "entity declarations"),
        (tmx(GOOD_TU).replace("UTF-8", "ISO-8859-1"), "the file is UTF-8"),
    ],
)
def test_a_file_that_is_no_tmx_is_one_line_naming_it(ws, capsys, text, message):
    (ws / "bad.tmx").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "tm", "import", "bad.tmx")
    assert code == 2 and out == ""
    assert err.startswith("translate: error: bad.tmx") and message in err and len(err.splitlines()) == 1
    assert not (ws / "locales").exists()


def test_a_fifo_is_refused_without_blocking(ws, capsys):
    os.mkfifo(ws / "pipe.tmx")
    code, _, err = run(capsys, "tm", "import", "pipe.tmx")
    assert code == 2 and "pipe.tmx: cannot read TMX: it is a named pipe (FIFO)" in err


def test_from_tmx_refuses_a_bad_memory_file(tmp_path):
    path = tmp_path / "m.tmx"
    path.write_text(tmx(GOOD_TU + "<tu></tu>\n"), encoding="utf-8")
    with pytest.raises(InputError, match="at least two languages") as info:
        memory.from_tmx(path, "en", "ko")
    assert info.value.line == 6


def test_languages_are_compared_by_their_first_part(tmp_path):
    path = tmp_path / "m.tmx"
    path.write_text(tmx(GOOD_TU.replace('"en"', '"en-US"').replace('"ko"', '"ko-KR"')), encoding="utf-8")
    units, problems = memory.read_tmx(path.read_bytes(), path)
    assert problems == [] and units[0].texts == {"en": "The office closed.", "ko": "사무소는 닫았다."}
    assert [s.source for s in memory.from_tmx(path, "en", "ko")] == ["The office closed."]

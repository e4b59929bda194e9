"""translate.toml and the workspace folder: one line naming the file for everything wrong, exit 2, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from translate.catalog.workspace import Workspace
from translate.cli import main
from translate.errors import InputError


def _files(root: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            found[rel] = "link" if path.is_symlink() else "dir" if path.is_dir() else path.read_bytes()
    return found


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    (root / "articles").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _refused(ws: Path, capsys, config: str, *argv: str) -> str:
    (ws / "translate.toml").write_text(config, encoding="utf-8")
    before = _files(ws)
    code, out, err = _run(capsys, *(argv or ("status",)))
    assert code == 2, err
    assert out == ""
    assert err.startswith("translate: error: translate.toml") and err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
    assert _files(ws) == before
    return err


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("[workspace]\nlocales = 5\n", "[workspace] locales must be a folder path (a string), not a number (5)"),
        ('[workspace]\nlocales = {path = "x"}\n', "[workspace] locales must be a folder path (a string), not a table"),
        ("[workspace]\narticles = true\n", "[workspace] articles must be a folder path (a string), not a boolean"),
        ("[workspace]\neditions = 2024-01-01\n", "[workspace] editions must be a folder path (a string), not a date"),
        ('[workspace]\nglossary = ["g"]\n', "[workspace] glossary must be a folder path (a string), not an array"),
        ('[workspace]\nlocales = ""\n', "[workspace] locales must not be empty"),
        ('workspace = "here"\n', "workspace must be a table ([workspace]), not a string ('here')"),
        ('[workspace]\nlangauges = ["en"]\n', "unknown setting 'langauges' in [workspace] (did you mean 'languages'?)"),
        (
            '[workspce]\nlanguages = ["en"]\n',
            "unknown setting 'workspce' (only the [workspace], [editions] and [mt] tables are read)",
        ),
        ('[workspace]\nlanguages = "en, ko"\n', "languages must be a list of language codes"),
        ("[workspace]\nlanguages = []\n", "not an empty array"),
        ("[workspace]\nlanguages = [82]\n", "languages must hold language codes (strings), not a number (82)"),
        ('[workspace]\nlanguages = ["en", "kr"]\n', "did you mean 'ko'?"),
        ('[editions]\nbase_url = "x"\n', "unknown setting 'base_url' in [editions] (did you mean 'base-url'?)"),
        ('[editions]\nbase-url = "news.example.org"\n', "[editions] base-url must be an http(s) address"),
        ('[editions]\nreadings = "all"\n', "[editions] readings must be one of first, every, none, not 'all'"),
        ('[editions]\ntemplate = "/etc/page.html"\n', "[editions] template must be a file relative to the workspace"),
        ("[editions.interview]\nko = 5\n", "[editions.interview] 'ko' must be a table with question and answer"),
        ('[editions.interview.fr]\nquestion = "Q "\n', "[editions.interview] 'fr' is not one of the workspace's"),
    ],
)
def test_a_wrong_setting_is_named_with_its_key(ws, capsys, config, expected):
    err = _refused(ws, capsys, config)
    assert err.startswith("translate: error: translate.toml: ")
    assert expected in err


def test_every_wrong_setting_is_listed_on_one_line(ws, capsys):
    err = _refused(ws, capsys, '[workspace]\nlanguages = [1, 2]\nlocales = 5\narticles = "/etc"\ntypo = 1\n')
    for key in ("languages", "locales", "articles", "'typo'"):
        assert key in err
    assert err.count("not a number (1)") == 1 and "not a number (2)" in err


@pytest.mark.parametrize(
    ("key", "value", "argv"),
    [
        ("locales", "../elsewhere", ("update",)),
        ("locales", "locales/../../elsewhere", ("update",)),
        ("locales", "/tmp/x", ("update",)),
        ("articles", "/etc", ("update",)),
        ("editions", "../../public_html", ("build", "--format", "md")),
        ("glossary", "/etc", ("check",)),
    ],
)
def test_a_folder_outside_the_workspace_is_refused_before_anything_is_done(ws, capsys, key, value, argv):
    (ws / "articles" / "guard.md").write_text("# Guard\n\nA trader in Hyesan says prices doubled.\n", encoding="utf-8")
    err = _refused(ws, capsys, f'[workspace]\n{key} = "{value}"\n', *argv)
    assert f"[workspace] {key} must" in err and repr(value) in err
    assert not (ws / "locales").exists()


def test_a_symlink_out_of_the_workspace_is_refused(ws, capsys, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (ws / "shared").symlink_to(tmp_path / "elsewhere")
    err = _refused(ws, capsys, '[workspace]\nlocales = "shared/locales"\n', "update")
    assert "[workspace] locales must stay inside the workspace" in err and "symbolic link" in err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_folders_inside_the_workspace_are_accepted(ws):
    (ws / "translate.toml").write_text(
        '[workspace]\nlanguages = ["en", "ko"]\nlocales = "./l10n/../po"\narticles = "."\neditions = "out"\n',
        encoding="utf-8",
    )
    (ws / "sub").mkdir()
    loaded = Workspace.load(ws / "sub")  # found from a folder below the root
    assert loaded.root == ws.resolve()
    assert loaded.languages == ("en", "ko")
    assert loaded.locales_dir == Path("./l10n/../po") and loaded.articles_dir == Path(".")
    assert loaded.editions_dir == Path("out") and loaded.glossary_dir == Path("glossary")


@pytest.mark.parametrize("config", ["", "# defaults\n", "[workspace]\n"])
def test_an_empty_configuration_means_the_defaults(ws, config):
    (ws / "translate.toml").write_text(config, encoding="utf-8")
    assert Workspace.load(ws) == Workspace(root=ws.resolve())


@pytest.mark.parametrize(
    ("config", "line"),
    [
        ('[workspace]\nlanguages = ["en", "ko]\n', 2),
        ('[workspace]\nlanguages ["en"]\n', 2),
        ('[workspace]\nlanguages = ["en"]\nlanguages = ["ko"]\n', 3),
    ],
)
def test_a_toml_syntax_error_gives_its_line(ws, capsys, config, line):
    err = _refused(ws, capsys, config)
    assert err.startswith(f"translate: error: translate.toml:{line}: invalid TOML: ")
    assert "(at line" not in err


def test_invalid_utf8_is_refused_with_its_line(ws, capsys):
    (ws / "translate.toml").write_bytes("# 작업\n[workspace]\n".encode("euc-kr"))
    code, _, err = _run(capsys, "status")
    assert code == 2 and err.startswith("translate: error: translate.toml:1: not UTF-8") and err.count("\n") == 1


def test_a_folder_named_translate_toml_is_refused_not_skipped(ws, capsys):
    (ws / "translate.toml").mkdir()
    code, _, err = _run(capsys, "status")
    expected = "translate.toml: cannot read workspace configuration: it is a directory, not a regular file"
    assert code == 2 and err == f"translate: error: {expected}\n"


def test_a_symlink_loop_named_translate_toml_is_refused(ws, capsys):
    (ws / "translate.toml").symlink_to(ws / "translate.toml")
    code, _, err = _run(capsys, "status")
    assert code == 2 and err.startswith("translate: error: translate.toml: ") and "symlink loop" in err
    assert err.count("\n") == 1


def test_a_fifo_named_translate_toml_is_refused_without_blocking(ws, capsys):
    os.mkfifo(ws / "translate.toml")
    code, _, err = _run(capsys, "status")
    assert code == 2 and "translate.toml" in err and "named pipe (FIFO)" in err


def test_a_workspace_that_does_not_exist_says_so(ws, capsys, tmp_path):
    missing = tmp_path / "nonexistent"
    code, out, err = _run(capsys, "-C", str(missing), "status")
    assert code == 2 and out == ""
    assert err == f"translate: error: {missing}: workspace folder does not exist\n"
    assert not missing.exists()


def test_a_workspace_that_is_a_file_is_refused(ws, capsys):
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    code, _, err = _run(capsys, "-C", "translate.toml", "status")
    assert code == 2 and err == "translate: error: translate.toml: workspace must be a folder, but this is a file\n"


def test_load_raises_input_error_naming_the_file(ws):
    (ws / "translate.toml").write_text('[workspace]\nlocales = "../x"\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        Workspace.load(ws)
    assert info.value.path == "translate.toml" and "locales" in info.value.message


def test_a_long_or_multiline_value_stays_on_one_short_line(ws, capsys):
    err = _refused(ws, capsys, '[workspace]\nlocales = 5\n"bad\\nkey' + "x" * 500 + '" = 1\n')
    assert len(err) < 400 and "\\n" in err

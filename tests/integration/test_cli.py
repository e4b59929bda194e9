from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import INTERVIEW, ROOT, write_article


@pytest.mark.parametrize("command", [[], ["update"], ["status"], ["build"]])
def test_every_command_has_help(run, command):
    with pytest.raises(SystemExit) as info:
        run(*command, "--help")
    assert info.value.code == 0


def test_python_dash_m_and_console_script_agree():
    out = subprocess.run([sys.executable, "-m", "translate", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("translate 0.")


def test_status_table_and_json(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    code, out, _ = run("status")
    assert code == 0
    lines = out.splitlines()
    header = ["article", "lang", "units", "words", "translated", "fuzzy", "untranslated", "%", "QA", "corpus"]
    assert lines[0].split() == header
    assert lines[2].split() == ["guard", "en", "(source)", "12", "61", "12", "0", "0", "100.0", "-", "-"]
    assert lines[3].split() == ["guard", "ko", "12", "61", "0", "0", "12", "0.0", "-", "-"]
    code, out, _ = run("status", "--json")
    rows = json.loads(out)
    assert {r["language"] for r in rows} == {"en", "ko", "ja"}
    assert rows[1] == {
        "slug": "guard",
        "language": "ko",
        "source": False,
        "units": 12,
        "words": 61,
        "translated": 0,
        "fuzzy": 0,
        "untranslated": 12,
        "obsolete": 0,
        "qa": None,
        "scores": {},
        "percent": 0.0,
    }


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (None, ["update", "articles/missing.md"], "missing.md: cannot read article"),
        (
            "---\nlang: jp\n---\nText.\n",
            ["update"],
            "guard.md:2: bad front matter: unknown language code 'jp': did you mean 'ja'?",
        ),
        ("---\ntitle: [\n---\nText.\n", ["update"], "guard.md:2: bad front matter"),
        (INTERVIEW, ["update", "--source-lang", "kr"], "unknown language code 'kr': did you mean 'ko'?"),
        (INTERVIEW, ["status"], "no templates"),
        (INTERVIEW, ["build", "nope"], "no catalogs for nope"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(ws, run, setup, args, message):
    if setup is not None:
        write_article(ws, "guard.md", setup)
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("translate: error: ")
    assert message in err
    assert "Traceback" not in err
    assert not (ws / "locales").exists()


def test_unknown_workspace_language_is_refused_with_the_file(ws, run):
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "kr"]\n', encoding="utf-8")
    code, _, err = run("status")
    assert code == 2 and "translate.toml" in err and "did you mean 'ko'" in err


def test_bad_option_values_are_usage_errors(ws, run):
    with pytest.raises(SystemExit) as info:
        run("build", "--min-translated", "120")
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        run("build", "--format", "pdf")
    assert info.value.code == 2


def test_dry_run_writes_nothing(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    code, out, _ = run("update", "--dry-run")
    assert code == 0 and "would write: locales/templates/guard.pot" in out
    assert not (ws / "locales").exists()


def test_update_json_report(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    code, out, _ = run("update", "--json")
    assert code == 0
    report = json.loads(out)
    counts = {"kept": 0, "respelled": 0, "fuzzy": 0, "edited": 0, "new": 12, "obsolete": 0, "restored": 0}
    assert report[0]["languages"]["ko"] == counts
    assert report[0]["written"] == ["locales/templates/guard.pot", "locales/ko/guard.po", "locales/ja/guard.po"]


def test_sample_workspace_is_complete_and_up_to_date(run, tmp_path, monkeypatch):
    """The bundled articles build in all three languages with no model and no network."""
    monkeypatch.chdir(ROOT)
    code, out, _ = run("update", "--dry-run")
    assert code == 0 and out.count("nothing (up to date)") == 2
    code, out, _ = run("build", "--out", str(tmp_path), "--min-translated", "100", "--json")
    assert code == 0
    editions = json.loads(out)
    assert {(e["slug"], e["language"]) for e in editions} == {
        (slug, lang) for slug in ("hyesan-trader", "kaesong-office") for lang in ("en", "ko", "ja")
    }
    assert all(e["percent"] == 100.0 for e in editions)
    code, out, _ = run("status", "--json")
    hyesan = [r for r in json.loads(out) if r["slug"] == "hyesan-trader"]
    assert hyesan[0]["units"] >= 30

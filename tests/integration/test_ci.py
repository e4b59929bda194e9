"""CI as the README writes it: gates with exit codes that mean something, run step by step as GitHub would."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import yaml

from tests.conftest import INTERVIEW, ROOT, write_article

BIN = Path(sys.executable).parent


def sample(folder: Path) -> Path:
    """The bundled sample workspace (every edition 100% translated), copied."""
    for name in ("articles", "glossary", "locales"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "translate.toml", folder)
    return folder


def shell(command: str, cwd: Path) -> int:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "SOURCE_DATE_EPOCH": "1600000000"}
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True).returncode


def workflow() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### For CI") :]
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1))


def condition(step: dict, failed: bool, folder: Path) -> bool:
    """Whether GitHub runs a step: by default only while nothing failed; the conditions the README uses."""
    rule = step.get("if", "success()")
    sarif = folder / "glossary.sarif"
    checks = {
        "success()": lambda: not failed,
        "${{ !cancelled() }}": lambda: True,
        "${{ !cancelled() && hashFiles('glossary.sarif') != '' }}": lambda: sarif.exists() and sarif.stat().st_size > 0,
    }
    return checks[rule]()  # a condition this test does not know fails loudly here


def run_job(folder: Path) -> list[tuple[str, str]]:
    """The job's steps as GitHub runs them: (step, "ok" | "failed" | "failed, continued" | "skipped")."""
    failed, outcome = False, []
    for step in workflow()["jobs"]["translations"]["steps"]:
        name = step.get("run") or step["uses"]
        if not condition(step, failed, folder):
            outcome.append((name, "skipped"))
            continue
        if "upload-sarif" in name:
            log = json.loads((folder / step["with"]["sarif_file"]).read_text(encoding="utf-8"))
            ok = log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["name"]
        elif "run" in step and step["run"].startswith("translate"):
            ok = shell(step["run"], folder) == 0
        else:
            ok = True  # checkout, setup-python, pip install: the test runs where the package is installed
        continued = bool(step.get("continue-on-error"))
        failed |= not ok and not continued
        outcome.append((name, "ok" if ok else "failed, continued" if continued else "failed"))
    return outcome


def test_the_workflow_has_the_permission_code_scanning_needs():
    assert workflow()["permissions"]["security-events"] == "write"


def test_on_a_clean_workspace_every_step_passes(tmp_path):
    outcome = run_job(sample(tmp_path))
    assert [state for _, state in outcome] == ["ok"] * len(outcome)


def test_a_glossary_finding_still_reaches_the_dashboard_then_fails_the_job(tmp_path):
    folder = sample(tmp_path)
    path = folder / "locales/en/kaesong-office.po"
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if "Kim Yo-jung" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("Kim Yo-jung", "Kim Yo Jong")
    po.save(str(path))
    outcome = dict(run_job(folder))
    assert outcome["translate check --format sarif > glossary.sarif"] == "failed, continued"
    assert outcome["github/codeql-action/upload-sarif@v3"] == "ok"
    sarif = json.loads((folder / "glossary.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["glossary.variant"]
    assert outcome["translate check --format github"] == "failed"
    assert outcome["translate update --check"] == "ok"  # every gate still reports
    assert outcome["translate build --min-translated 100"] == "failed"  # the variant refuses the edition


def test_an_article_edited_without_update_fails_the_update_check(tmp_path):
    folder = sample(tmp_path)
    article = folder / "articles/hyesan-trader.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    outcome = dict(run_job(folder))
    assert outcome["translate check --format github"] == "ok"
    assert outcome["translate update --check"] == "failed"
    assert outcome["translate build --min-translated 100"] == "failed"  # the article changed since its update


def test_unreadable_input_skips_the_upload_and_fails_the_job(tmp_path):
    folder = sample(tmp_path)
    (folder / "locales/ko/hyesan-trader.po").write_text('msgid "broken\n', encoding="utf-8")
    outcome = dict(run_job(folder))
    assert outcome["translate check --format sarif > glossary.sarif"] == "failed, continued"
    assert outcome["github/codeql-action/upload-sarif@v3"] == "skipped"
    assert outcome["translate check --format github"] == "failed"


def test_a_deleted_article_fails_the_update_check(tmp_path):
    folder = sample(tmp_path)
    (folder / "articles/kaesong-office.md").unlink()
    assert shell("translate update --check", folder) == 1


def test_update_check_names_what_is_out_of_date(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    code, out, _ = run("update", "--check")
    assert code == 1 and not (ws / "locales").exists()
    assert out.splitlines() == [
        "locales/templates/guard.pot: missing",
        "locales/ko/guard.po: missing",
        "locales/ja/guard.po: missing",
        "run: translate update",
    ]
    run("update")
    assert run("update", "--check") == (0, "every template and catalog is up to date\n", "")


def test_a_dry_run_says_what_it_would_write_not_what_it_wrote(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    report = json.loads(run("update", "--dry-run", "--json")[1])
    assert report[0]["would_write"] == ["locales/templates/guard.pot", "locales/ko/guard.po", "locales/ja/guard.po"]
    assert "written" not in report[0]


def test_the_update_summary_adds_up_when_untranslated_units_are_edited(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    write_article(ws, "guard.md", INTERVIEW.replace("Six years.", "Seven years.").replace("He left", "He fled"))
    code, out, _ = run("update")
    assert code == 0
    assert "  ko: 10 kept, 0 fuzzy, 2 edited (untranslated), 0 new, 0 obsolete, 0 restored" in out
    report = json.loads(run("update", "--dry-run", "--json")[1])
    counts = report[0]["languages"]["ko"]
    assert counts["kept"] + counts["fuzzy"] + counts["edited"] + counts["new"] == report[0]["units"]


def test_check_skips_files_that_are_not_articles_catalogs_or_editions(ws, run):
    (ws / "README.md").write_text("# Notes\n\nKim Yo Jong is spelled differently here.\n", encoding="utf-8")
    (ws / "glossary").mkdir()
    shutil.copy(ROOT / "glossary/people.yaml", ws / "glossary")
    code, out, err = run("check", "README.md")
    assert code == 0 and "README.md: skipped, not an article, catalog or edition (check it with --lang)" in err
    code, out, _ = run("check", "--lang", "en", "README.md")
    assert code == 1 and "Kim Yo Jong" in out


def test_check_reads_the_language_an_html_page_declares(ws, run):
    (ws / "glossary").mkdir()
    shutil.copy(ROOT / "glossary/people.yaml", ws / "glossary")
    (ws / "page.html").write_text('<!DOCTYPE html>\n<html lang="en">\n<p>Kim Yo Jong spoke.</p>\n', encoding="utf-8")
    code, out, _ = run("check", "page.html")
    assert code == 1 and "page.html:3:" in out and "glossary.variant" in out


@pytest.mark.parametrize("hook", ["translate-glossary", "translate-catalogs"])
def test_pre_commit_hooks_look_only_at_the_workspace(tmp_path, hook):
    """As pre-commit runs a hook: the staged files its `files` pattern selects, or none with pass_filenames off."""
    folder = sample(tmp_path)
    (folder / "README.md").write_text("Kim Yo Jong, as a README may spell it.\n", encoding="utf-8")
    spec = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == hook)
    staged = ["README.md", "articles/hyesan-trader.md", "locales/ko/hyesan-trader.po"]
    chosen = [f for f in staged if re.search(spec["files"], f)] if spec.get("pass_filenames", True) else []
    assert shell(" ".join([spec["entry"], *chosen]), folder) == 0

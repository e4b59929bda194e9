"""The README's "As a library" example runs as written, and each call gives what its command prints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from translate.reports import console


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argos_packages: Path) -> Path:
    """The bundled sample workspace, copied, as the current directory, with a tiny real en→ko model."""
    for name in ("articles", "glossary", "translate.toml"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos_packages))
    return tmp_path


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## As a library") :]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readme_example_runs_and_each_call_answers_like_its_command(sample: Path, run) -> None:
    names: dict = {}
    exec(compile(readme_example(), "README.md", "exec"), names)

    assert {r.slug for r in names["reports"]} == {"hyesan-trader", "kaesong-office"}
    assert names["filled"].units > 0 and list(names["filled"].pairs) == ["en→ko"]
    scored = {s.catalog: s.scores for s in names["scored"]}
    assert sorted(scored) == [
        "locales/en/kaesong-office.po",
        "locales/ja/hyesan-trader.po",
        "locales/ja/kaesong-office.po",
        "locales/ko/hyesan-trader.po",
    ]
    assert "QA" in scored["locales/ko/hyesan-trader.po"]  # the machine drafts are scored reference-free
    assert all(f.rule.startswith("glossary.") for f in names["found"].findings)
    assert {(r.slug, r.language) for r in names["rows"]} >= {("hyesan-trader", "ko"), ("kaesong-office", "en")}
    assert {e["language"] for e in names["editions"]} == {"en", "ko", "ja"}

    # The command prints what the library call returned, rendered: same call, same text.
    code, out, _ = run("status")
    assert code == 0 and out == console.status(names["status"].progress(names["ws"])) + "\n"

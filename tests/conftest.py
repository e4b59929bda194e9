from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import polib
import pytest

from translate.cli import main

ROOT = Path(__file__).resolve().parent.parent

INTERVIEW = """\
---
title: A border guard remembers Hyesan
date: 2021-03-02
author: PARK Min-su
---

A former border guard from Ryanggang Province says smuggling never stopped. He left in 2019. He now lives in Incheon.

![Guards patrol the Yalu River near Hyesan.](yalu.jpg)

◆ On the river

-- How long did you serve?

A: Six years. I was posted near Hyesan.

Read the [ministry report](https://example.org/report) for the figures. (PARK Min-su/Lee Ha-na)
"""


def require(present: object, missing: str) -> None:
    """A real judge the test needs (a tool, fetched data): missing, the test is skipped saying so,
    except under scripts/test, which provides every judge and sets TRANSLATE_JUDGES=required."""
    if present:
        return
    if os.environ.get("TRANSLATE_JUDGES") == "required":
        pytest.fail(missing)
    pytest.skip(missing)


@pytest.fixture(autouse=True, scope="session")
def user_cache(tmp_path_factory: pytest.TempPathFactory):
    """The user's cache (compiled glossaries) in a folder of this run, never the real ~/.cache."""
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


def write_article(root: Path, name: str, text: str) -> Path:
    path = root / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workspace with the default languages, as the current directory."""
    (tmp_path / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko", "ja"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    return tmp_path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def gettext(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)


def assert_clean_po(path: Path) -> None:
    """msgfmt -c accepts it and msgcat --no-wrap leaves it byte-identical."""
    check = gettext("msgfmt", "-c", "-o", "/dev/null", path)
    assert check.returncode == 0, check.stderr
    if path.suffix == ".po":
        assert check.stderr == "", check.stderr
    cat = gettext("msgcat", "--no-wrap", path)
    assert cat.returncode == 0, cat.stderr
    assert cat.stdout == path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def argos_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A packages folder with a tiny real en→ko model, built as the models fixture builds them."""
    from tests.support import builder
    from tests.support.corpus import CORPUS
    from translate.mt import packages

    folder = tmp_path_factory.mktemp("models")
    model = builder.build(folder / "en_ko.argosmodel", "en", "ko", CORPUS, seed=0)
    packages.install(model, folder / "packages")
    return folder / "packages"


@pytest.fixture(scope="session")
def models(tmp_path_factory) -> dict[str, Path]:
    """Three tiny real-format packages: en→ko, ko→en, en→ja (no ko→ja: that pair pivots)."""
    from tests.support import builder
    from tests.support.corpus import CORPUS

    folder = tmp_path_factory.mktemp("argosmodels")
    return {
        pair: builder.build(folder / f"{pair}.argosmodel", *pair.split("_"), CORPUS, seed=n)
        for n, pair in enumerate(("en_ko", "ko_en", "en_ja"))
    }


@pytest.fixture
def argos_dir(tmp_path, monkeypatch, models) -> Path:
    folder = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def copy_model(tmp_path_factory) -> Path:
    from tests.support import builder
    from tests.support.corpus import CORPUS

    return builder.build_copy(tmp_path_factory.mktemp("copy") / "copy.argosmodel", "en", "ko", CORPUS)


@pytest.fixture
def checked(ws: Path, run) -> Path:
    """A workspace with the newsroom glossary, one article and Korean/Japanese translations with mistakes."""
    from tests.support.checked import ARTICLE

    shutil.copytree(ROOT / "glossary", ws / "glossary")
    write_article(ws, "warning.md", ARTICLE)
    run("update")
    translations = {
        "ko": {
            "Kim Yo-jung warns the South": "김여정, 남측에 경고",
            "Kim Yo-jung issued a statement on Tuesday.": "김여정은 화요일 담화를 발표했다.",
            "Traders in Ryanggang Province listened.": "양강도의 상인들이 귀를 기울였다.",
        },
        "ja": {
            "Kim Yo-jung warns the South": "金與正氏、南側に警告",
            "Kim Yo-jung issued a statement on Tuesday.": "キム・ヨジョン氏は火曜日に談話を発表した。",
            "Traders in Ryanggang Province listened.": "商人たちが耳を傾けた。",
        },
    }
    for lang, table in translations.items():
        path = ws / "locales" / lang / "warning.po"
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = table[entry.msgid]
        po.save(str(path))
    return ws

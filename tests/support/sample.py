"""The sample workspace, revised, and the translate command run on it in a child process.

The kill and concurrent-save tests share these.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

#: Where the mt trials find their model (set by the argos_packages fixture).
PACKAGES: dict[str, str] = {}


def translate(folder: Path, args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000", **PACKAGES}
    command = [sys.executable, "-m", "translate", *args]
    return subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def workspace(folder: Path, command: str = "update") -> Path:
    """The sample workspace with an article revision to merge and a variant to fix (for mt: merged)."""
    for name in ("articles", "locales", "glossary", "translate.toml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    article = folder / "articles" / "hyesan-trader.md"
    text = article.read_text(encoding="utf-8").replace("now lives in Seoul", "now lives in Incheon")
    article.write_text(text + "\nShe says prices doubled within a month.\n", encoding="utf-8")
    po = folder / "locales" / "en" / "kaesong-office.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Kaesong", "Gaeseong", 1), encoding="utf-8")
    if command == "mt":  # the revision's new and edited sentences are what MT fills
        assert translate(folder, ["update"]).wait() == 0
    return folder

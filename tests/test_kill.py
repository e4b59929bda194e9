"""SIGKILL in the middle of a writing command: every file is whole (old or new), and a rerun finishes the job."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, gettext

COMMANDS = {
    "update": ["update"],
    "mt": ["mt", "--lang", "ko"],
    "check --fix": ["check", "--fix", "locales/en/kaesong-office.po"],
}


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


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


#: Where the mt trials find their model (set by the argos_packages fixture).
PACKAGES: dict[str, str] = {}


def translate(folder: Path, args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000", **PACKAGES}
    command = [sys.executable, "-m", "translate", *args]
    return subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def killed(folder: Path, args: list[str], delay: float | None) -> None:
    """Run and SIGKILL after ``delay`` seconds, or (None) the moment one of our temp files appears."""
    child = translate(folder, args)
    start = time.monotonic()
    while child.poll() is None:
        if delay is not None and time.monotonic() - start >= delay:
            break
        if delay is None and any(folder.rglob("*.tmp")):
            break
    child.send_signal(signal.SIGKILL)
    child.wait()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_killed_command_leaves_whole_files_and_a_rerun_finishes(
    tmp_path: Path, command: str, argos_packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(PACKAGES, "ARGOS_PACKAGES_DIR", str(argos_packages))
    args = COMMANDS[command]
    before = snapshot(workspace(tmp_path / "reference", command))
    done = translate(tmp_path / "reference", args)
    assert done.wait() in (0, 1), done.stderr.read() if done.stderr else ""
    after = snapshot(tmp_path / "reference")
    assert after != before
    moments = [None, None, *random.Random(command).sample([x / 20 for x in range(1, 40)], 6)]
    for trial, delay in enumerate(moments):
        folder = workspace(tmp_path / f"trial-{trial}", command)
        killed(folder, args, delay)
        for name, data in snapshot(folder).items():
            if name.endswith(".tmp"):
                continue  # a temp file of the killed run; the rerun removes it
            assert data in (before.get(name), after.get(name)), f"{name} is neither old nor new after a kill"
        rerun = translate(folder, args)
        rerun.wait()
        final = snapshot(folder)
        assert not [n for n in final if n.endswith(".tmp")], "the rerun left temp files"
        assert final == after, f"a rerun after a kill at {delay} s did not reach the uninterrupted result"
        for name in final:
            if name.endswith((".po", ".pot")):
                assert gettext("msgfmt", "-c", "-o", "/dev/null", folder / name).returncode == 0

"""SIGKILL in the middle of a writing command: every file is whole (old or new), and a rerun finishes the job."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import gettext
from tests.support.sample import PACKAGES, translate, workspace

COMMANDS = {
    "update": ["update"],
    "mt": ["mt", "--lang", "ko"],
    "check --fix": ["check", "--fix", "locales/en/kaesong-office.po"],
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


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

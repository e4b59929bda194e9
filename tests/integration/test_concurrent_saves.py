"""A translator saves the PO file while a writing command runs: no saved edit is ever lost.

For each writing command, a second process saves edits into the catalog the command writes, at
moments spread over the command's run, atomically (write a temp file, rename it over, as most editors
do) or in place (truncate and write). Each save puts a translator comment ``# editor-save-N`` on the
first message. Afterwards the catalog must hold the editor's last save: either the command read it
and kept it, or the command refused with exit 2 naming the file (its fingerprint check at the swap),
leaving the editor's bytes exactly as saved.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.sample import workspace
from translate.catalog import store

EDITOR = r"""
import os, re, sys, time, json
path, last, plan = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
mark = re.compile(r"^# editor-save-\d+\n", re.M)
start = time.monotonic()
n = 0
for moment, how in plan:
    time.sleep(max(0.0, moment - (time.monotonic() - start)))
    with open(path, encoding="utf-8") as f:
        text = mark.sub("", f.read())
    head, sep, rest = text.partition("\n\n")
    n += 1
    new = (head + sep + f"# editor-save-{n}\n" + rest).encode("utf-8")
    if how == "rename":
        tmp = os.path.join(os.path.dirname(path), f".editor-{os.getpid()}-{n}.swp")
        with open(tmp, "wb") as f:
            f.write(new)
        os.rename(tmp, path)
    else:
        with open(path, "wb") as f:
            f.write(new)
    with open(last, "wb") as f:
        f.write(new)
print(n)
"""

TARGET = "locales/ko/hyesan-trader.po"
COMMANDS = {
    "update": (["update"], TARGET),
    "mt": (["mt", "--lang", "ko"], TARGET),
    "check --fix": (["check", "--fix", "locales/en/kaesong-office.po"], "locales/en/kaesong-office.po"),
    "score": (["score"], TARGET),
}
TRIALS = int(os.environ.get("CONCURRENT_SAVES_TRIALS", "6"))  # raise it to stress-test


def run(folder: Path, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "translate", *args]
    return subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def base(folder: Path, command: str, env: dict[str, str]) -> Path:
    workspace(folder)
    if command == "mt":  # the revision's new and edited sentences are what MT fills
        done = subprocess.run([sys.executable, "-m", "translate", "update"], cwd=folder, env=env, capture_output=True)
        assert done.returncode == 0, done.stderr
    return folder


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_saved_edit_is_lost_while_a_command_writes(tmp_path: Path, command: str, argos_packages: Path) -> None:
    args, target = COMMANDS[command]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000", "ARGOS_PACKAGES_DIR": str(argos_packages)}
    template = base(tmp_path / "base", command, env)

    # Alone, the command writes the target and keeps a translator comment on its first message.
    alone = tmp_path / "alone"
    shutil.copytree(template, alone)
    po = alone / target
    head, sep, rest = po.read_text(encoding="utf-8").partition("\n\n")
    po.write_text(head + sep + "# editor-save-0\n" + rest, encoding="utf-8")
    before = po.read_bytes()
    started = time.monotonic()
    child = run(alone, args, env)
    assert child.wait() in (0, 1), child.stderr.read()
    duration = time.monotonic() - started
    assert po.read_bytes() != before, f"{command} did not write {target}"
    assert "# editor-save-0\n" in po.read_text(encoding="utf-8"), f"{command} dropped a translator comment"

    rng = random.Random(command)
    outcomes = {"kept": 0, "refused": 0}
    lost: list[str] = []
    refusals: set[str] = set()
    for trial in range(TRIALS):
        folder = tmp_path / f"trial-{trial}"
        shutil.copytree(template, folder)
        saves = rng.randint(1, 4) if trial % 2 else rng.randint(20, 60)  # sparse: often read and kept; dense: races
        window = duration * rng.uniform(0.6, 1.3)
        how = ["rename", "inplace", "mixed"][trial % 3]
        plan = [
            (t, how if how != "mixed" else rng.choice(["rename", "inplace"]))
            for t in sorted(rng.uniform(0, window) for _ in range(saves))
        ]
        last = tmp_path / f"last-{trial}"
        child = run(folder, args, env)
        editor = subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(folder / target), str(last), json.dumps(plan)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        code = child.wait()
        message = child.stderr.read().decode("utf-8", "replace")
        out, err = editor.communicate(timeout=60)
        assert editor.returncode == 0, err
        count = int(out)
        final = (folder / target).read_bytes()
        store.read(folder / target)  # whole and valid
        assert code in (0, 1, 2), message
        if code == 2:
            assert target.rsplit("/", 1)[-1] in message, message
            assert "changed on disk" in message or "invalid PO file" in message, message
            outcomes["refused"] += 1
            refusals.add(message.strip().split(": ", 1)[-1])
        else:
            outcomes["kept"] += 1
        if f"# editor-save-{count}\n".encode() not in final or (code == 2 and final != last.read_bytes()):
            lost.append(f"trial {trial} ({how}, {saves} saves over {window:.2f} s): exit {code}, {message.strip()}")
    print(f"{command}: {TRIALS} trials, {outcomes}, {len(lost)} lost; refusals: {sorted(refusals)}")
    assert not lost, "\n".join(lost)

"""Machine translations are kept as they come: a killed run resumes where it stopped, and gives
exactly what an uninterrupted run gives; a changed model or setting never gets stale output."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import write_article
from translate.mt import cache
from translate.mt.cache import Cache

PLACES = ("Hyesan", "Musan", "Sinuiju", "Kaesong", "Wonsan", "Chongjin", "Rason", "Hamhung")
GOODS = ("rice", "corn", "diesel", "batteries", "cooking oil", "soap", "cigarettes", "flour", "sugar")


def long_article() -> str:
    """72 different sentences (of many lengths, so many batches) under a title."""
    sentences = [
        f"Traders in {place} said {goods} prices rose {n % 7 + 2} times in the {'first second third'.split()[n % 3]}"
        f" month{' after the border closed' * (n % 4)}."
        for n, (place, goods) in enumerate((p, g) for p in PLACES for g in GOODS)
    ]
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "---\ntitle: Prices at the border markets\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def env(packages: Path) -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1600000000", "ARGOS_PACKAGES_DIR": str(packages)}


def workspace(folder: Path, packages: Path) -> Path:
    folder.mkdir()
    (folder / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    write_article(folder, "prices.md", long_article())
    done = subprocess.run([sys.executable, "-m", "translate", "update"], cwd=folder, env=env(packages))
    assert done.returncode == 0
    return folder


def mt(folder: Path, packages: Path, *options: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "translate", "mt", "--json", *options],
        cwd=folder,
        env=env(packages),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_killed_run_resumes_and_ends_as_an_uninterrupted_one(tmp_path, argos_packages):
    alone = workspace(tmp_path / "alone", argos_packages)
    assert mt(alone, argos_packages, "--no-cache")["units"] == 73
    killed = workspace(tmp_path / "killed", argos_packages)
    catalog = killed / "locales/ko/prices.po"
    before = catalog.read_bytes()
    logs = killed / ".translate/cache/mt"
    for _attempt in range(20):  # kill once some batches are kept and before the catalog is written
        shutil.rmtree(killed / ".translate", ignore_errors=True)
        child = subprocess.Popen(
            [sys.executable, "-m", "translate", "mt"], cwd=killed, env=env(argos_packages), stderr=subprocess.DEVNULL
        )
        while child.poll() is None and not any(p.stat().st_size for p in logs.glob("*.jsonl")):
            time.sleep(0.002)
        child.send_signal(signal.SIGKILL)
        child.wait()
        kept = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in logs.glob("*.jsonl"))
        if catalog.read_bytes() == before and 0 < kept < 73:
            break
    else:
        raise AssertionError("never caught the run between its first kept batch and its end")
    report = mt(killed, argos_packages)
    assert report["units"] == 73 and 0 < report["cached"] < 73  # resumed: only the rest went to the model
    assert catalog.read_bytes() == (alone / "locales/ko/prices.po").read_bytes()


def test_a_rerun_and_another_article_with_the_same_sentence_use_the_cache(tmp_path, argos_packages):
    folder = workspace(tmp_path / "ws", argos_packages)
    assert mt(folder, argos_packages)["cached"] == 0
    first = (folder / "locales/ko/prices.po").read_bytes()
    write_article(folder, "again.md", "---\ntitle: Again\n---\n\n" + long_article().split("\n\n")[1] + "\n")
    subprocess.run([sys.executable, "-m", "translate", "update"], cwd=folder, env=env(argos_packages), check=True)
    report = mt(folder, argos_packages)
    assert report["units"] == 5 and report["cached"] == 4  # the four sentences of the paragraph; the title is new
    assert (folder / "locales/ko/prices.po").read_bytes() == first


def test_no_cache_keeps_nothing(tmp_path, argos_packages):
    folder = workspace(tmp_path / "ws", argos_packages)
    mt(folder, argos_packages, "--no-cache")
    assert not (folder / ".translate/cache/mt").exists()


def test_a_changed_model_or_setting_is_another_cache(tmp_path):
    model = tmp_path / "model.bin"
    model.write_bytes(b"weights")
    settings = {"beam_size": 4, "padded": False}
    name = cache.key("translate-en_ko 1.9", [model], settings)
    assert cache.key("translate-en_ko 1.9", [model], settings) == name
    assert cache.key("translate-en_ko 2.0", [model], settings) != name
    assert cache.key("translate-en_ko 1.9", [model], {**settings, "padded": True}) != name
    model.write_bytes(b"other weights")
    assert cache.key("translate-en_ko 1.9", [model], settings) != name


def test_a_torn_last_line_is_skipped_and_the_next_batch_starts_clean(tmp_path):
    log = Cache(tmp_path, "m")
    log.add([("A trader.", "상인."), ("A guard.", "경비병.")])
    with open(log.path, "a", encoding="utf-8") as f:
        f.write('{"source": "A smug')  # killed mid-write
    again = Cache(tmp_path, "m")
    assert again.known == {"A trader.": "상인.", "A guard.": "경비병."}
    again.add([("A river.", "강.")])
    assert Cache(tmp_path, "m").known == {"A trader.": "상인.", "A guard.": "경비병.", "A river.": "강."}

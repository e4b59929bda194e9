"""translate/transaction.py: all files or none, never over a file changed since it was read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import INTERVIEW, write_article
from translate import transaction
from translate.catalog import store
from translate.checks import fix
from translate.errors import CatalogError, ConflictError
from translate.stamp import fingerprint
from translate.transaction import MUST_NOT_EXIST, Transaction


def _three(tmp_path: Path) -> list[Path]:
    paths = []
    for n, folder in enumerate(("a", "b", "c")):
        path = tmp_path / folder / f"{n}.po"
        path.parent.mkdir()
        path.write_bytes(f"old {n}\n".encode())
        paths.append(path)
    return paths


def _temps(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob(".*.tmp"))


def test_all_three_files_are_written_and_modes_kept(tmp_path):
    paths = _three(tmp_path)
    paths[1].chmod(0o640)
    tx = Transaction()
    for n, path in enumerate(paths):
        tx.add(path, f"new {n}\n".encode(), fingerprint(path.read_bytes()))
    assert tx.commit() == paths
    assert [p.read_text() for p in paths] == ["new 0\n", "new 1\n", "new 2\n"]
    assert paths[1].stat().st_mode & 0o777 == 0o640
    assert not _temps(tmp_path)


def test_a_conflict_on_one_of_three_files_writes_none(tmp_path):
    paths = _three(tmp_path)
    tx = Transaction()
    for n, path in enumerate(paths):
        tx.add(path, f"new {n}\n".encode(), fingerprint(path.read_bytes()))
    paths[2].write_text("a translator's save\n")  # after the command read it
    with pytest.raises(ConflictError, match=r"changed on disk since it was read.*nothing written") as caught:
        tx.commit()
    assert caught.value.path.endswith("c/2.po")
    assert [p.read_text() for p in paths] == ["old 0\n", "old 1\n", "a translator's save\n"]
    assert not _temps(tmp_path)


def test_a_file_removed_since_it_was_read_is_refused(tmp_path):
    paths = _three(tmp_path)
    tx = Transaction()
    for path in paths:
        tx.add(path, b"new\n", fingerprint(path.read_bytes()))
    paths[0].unlink()
    with pytest.raises(ConflictError, match="removed on disk"):
        tx.commit()
    assert not paths[0].exists() and paths[1].read_text() == "old 1\n"


def test_a_folder_that_cannot_take_files_is_found_before_anything_is_renamed(tmp_path):
    """As root chmod stops nothing, so the third folder is a regular file: creating a temp there fails for real."""
    paths = _three(tmp_path)
    blocked = tmp_path / "d"
    blocked.write_text("a file where a folder should be\n")
    tx = Transaction()
    for path in paths:
        tx.add(path, b"new\n", fingerprint(path.read_bytes()))
    tx.add(blocked / "lang" / "new.po", b"new\n", None)
    with pytest.raises(CatalogError, match="nothing written") as caught:
        tx.commit()
    assert "d" in caught.value.path
    assert [p.read_text() for p in paths] == ["old 0\n", "old 1\n", "old 2\n"]
    assert not _temps(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a 0o555 folder; the file-as-folder test covers it")
def test_a_read_only_folder_writes_none(tmp_path):
    paths = _three(tmp_path)
    paths[1].parent.chmod(0o555)
    try:
        tx = Transaction()
        for path in paths:
            tx.add(path, b"new\n", fingerprint(path.read_bytes()))
        with pytest.raises(CatalogError, match=r"cannot write in its folder.*nothing written"):
            tx.commit()
        assert [p.read_text() for p in paths] == ["old 0\n", "old 1\n", "old 2\n"]
    finally:
        paths[1].parent.chmod(0o755)
    assert not _temps(tmp_path)


def test_a_missing_folder_is_created_and_removed_again_when_the_commit_fails(tmp_path):
    paths = _three(tmp_path)
    tx = Transaction()
    tx.add(tmp_path / "new" / "deep" / "x.po", b"new\n", None)
    tx.add(paths[0], b"new\n", fingerprint(b"not what is there\n"))
    with pytest.raises(ConflictError):
        tx.commit()
    assert not (tmp_path / "new").exists()


def test_a_file_that_must_not_exist_is_refused_if_it_appeared(tmp_path):
    target = tmp_path / "glossary" / "imported.yaml"
    target.parent.mkdir()
    tx = Transaction()
    tx.add(target, b"- id: x\n", MUST_NOT_EXIST)
    target.write_text("someone else's glossary\n")
    with pytest.raises(ConflictError, match="already exists; nothing written"):
        tx.commit()
    assert target.read_text() == "someone else's glossary\n"
    target.unlink()
    assert transaction.write(target, b"- id: x\n", MUST_NOT_EXIST)
    assert target.read_text() == "- id: x\n" and not _temps(tmp_path)


def test_a_new_catalog_that_appeared_meanwhile_is_refused(tmp_path):
    target = tmp_path / "ko" / "guard.po"
    tx = Transaction()
    tx.add(target, b"ours\n", None)  # None: it did not exist when read
    target.parent.mkdir()
    target.write_text("theirs\n")
    with pytest.raises(ConflictError, match="appeared on disk"):
        tx.commit()
    assert target.read_text() == "theirs\n"


def test_unchanged_bytes_are_not_rewritten(tmp_path):
    path = _three(tmp_path)[0]
    before = path.stat()
    assert not transaction.write(path, b"old 0\n", fingerprint(b"something else\n"))  # nothing to refuse either
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_stale_temps_are_removed_by_the_next_commit_into_that_folder(tmp_path):
    paths = _three(tmp_path)
    folder = paths[0].parent
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)  # exited and reaped: no process has this number now (or it is reused: kept)
    orphan = folder / f".0.po.{dead_pid}.0badc0de.tmp"
    old_legacy = folder / ".0.po.k3j_x9a2.tmp"  # what tempfile.mkstemp made before this module
    fresh_legacy = folder / ".0.po.zz91_ab3.tmp"
    live = folder / f".0.po.{os.getppid()}.00000001.tmp"  # a live process's commit in progress
    lookalike = folder / ".0.po.notes.tmp.bak"
    for path in (orphan, old_legacy, fresh_legacy, live, lookalike):
        path.write_text("partial")
    hour_ago = time.time() - transaction.STALE_AFTER_S - 60
    os.utime(old_legacy, (hour_ago, hour_ago))
    transaction.write(paths[0], b"new\n", fingerprint(b"old 0\n"))
    assert not orphan.exists() and not old_legacy.exists()
    assert fresh_legacy.exists() and live.exists() and lookalike.exists()
    assert sorted(p.name for p in _temps(paths[1].parent)) == []


def test_stale_temps_are_removed_even_when_nothing_needs_writing(tmp_path):
    """A run killed after its renames left only temps; the rerun has nothing to write and still cleans up."""
    path = _three(tmp_path)[0]
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = path.parent / f".0.po.{int(dead.stdout)}.0badc0de.tmp"
    orphan.write_text("old bytes displaced by the rename")
    assert not transaction.write(path, b"old 0\n", fingerprint(b"old 0\n"))
    assert not orphan.exists()


def test_catalog_write_refuses_a_save_and_keeps_it(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    path = ws / "locales/ko/guard.po"
    cat = store.read(path)
    path.write_text(
        path.read_text(encoding="utf-8").replace('msgstr ""\n\n', 'msgstr "저장됨"\n\n', 1), encoding="utf-8"
    )
    saved = path.read_bytes()
    with pytest.raises(ConflictError):
        store.write(cat, cat.po)
    assert path.read_bytes() == saved and not _temps(ws)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_update_with_a_catalog_folder_that_cannot_be_written_writes_nothing(ws, run):
    """The ja catalog would be new, but locales/ja is a file: found before the template or ko is renamed."""
    path = write_article(ws, "guard.md", INTERVIEW)
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    run("update")
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko", "ja"]\n', encoding="utf-8")
    (ws / "locales/ja").write_text("not a folder\n")
    path.write_text(INTERVIEW.replace("Six years.", "Six long years."), encoding="utf-8")
    before = _snapshot(ws)
    code, _out, err = run("update")
    assert code == 2 and err.count("\n") == 1 and "nothing written" in err and "locales/ja" in err, err
    assert _snapshot(ws) == before


def test_update_refuses_when_one_catalog_changed_and_writes_no_other(ws, run, monkeypatch):
    path = write_article(ws, "guard.md", INTERVIEW)
    run("update")
    path.write_text(INTERVIEW.replace("Six years.", "Six long years."), encoding="utf-8")
    from translate.catalog.update import update
    from translate.catalog.workspace import Workspace

    space = Workspace.load(ws)
    ja = ws / "locales/ja/guard.po"
    # The real reads, then a real save of ja right after update read it (before any write).
    original_read = store.read_or_new

    def read_then_save(p: Path) -> store.Catalog:
        cat = original_read(p)
        if p == ja:
            ja.write_text(ja.read_text(encoding="utf-8").replace('msgstr ""\n\n', 'msgstr "保存"\n\n', 1), "utf-8")
        return cat

    monkeypatch.setattr(store, "read_or_new", read_then_save)
    before = _snapshot(ws)
    with pytest.raises(ConflictError, match="changed on disk") as caught:
        update(space, [path])
    assert caught.value.path.endswith("locales/ja/guard.po")
    after = _snapshot(ws)
    assert "保存" in after.pop("locales/ja/guard.po").decode("utf-8")
    before.pop("locales/ja/guard.po")
    assert after == before  # the template and ko were not written either


def test_check_fix_refuses_a_file_saved_after_it_was_read(ws):
    from translate.model import Finding

    path = ws / "note.md"
    path.write_text("Traders in Yanggang Province.\n", encoding="utf-8")
    finding = Finding("glossary.variant", "Yanggang", "note.md", 1, 12, found="Yanggang", expected="Ryanggang")
    tx = Transaction()
    assert fix.apply(path, [finding], tx)[0] == 1
    path.write_text("Traders in Yanggang Province, an editor wrote.\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        tx.commit()
    assert path.read_text(encoding="utf-8").endswith("an editor wrote.\n")

"""Writing several files as one step: all of them or none, never over someone's edit.

A command collects what it will write (:meth:`Transaction.add`), each file
with what it expects to find there: the fingerprint (sha256) of the bytes it
read, or :data:`MUST_NOT_EXIST`. :meth:`Transaction.commit` then

1. reads every target; one that changed since it was read is refused before
   anything is created (unchanged bytes are skipped, not rewritten);
2. removes stale temp files of killed runs from every target folder;
3. writes and fsyncs a temp file beside every target, so a read-only or
   missing folder or a full disk is found while nothing has been renamed;
4. checks every target again, then installs the temps: on Linux with
   ``renameat2(RENAME_EXCHANGE)``, which swaps the files and leaves the
   displaced old bytes at the temp name to be verified, swapping back when
   they are not what was read (so an editor's save just before the rename is
   never lost); new files with ``link()``, which refuses to replace one that
   appeared meanwhile; elsewhere verify-then-``os.replace``;
5. fsyncs the folders.

Any refusal or error before step 4 deletes every temp and raises
:class:`~translate.errors.ConflictError` (a file changed) or
:class:`~translate.errors.CatalogError` (cannot write), with "nothing
written". A refusal during step 4 undoes the files already installed.
SIGINT/SIGTERM wait until step 4 is over. SIGKILL can still stop step 4
halfway: every file is then either its old or its new bytes, and running the
command again finishes the job; its temp files (``.<name>.<pid>.<hex>.tmp``)
are removed by the next commit into that folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import secrets
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from translate.errors import CatalogError, ConflictError
from translate.stamp import fingerprint


class _MustNotExist:
    def __repr__(self) -> str:
        return "MUST_NOT_EXIST"


#: Expected state of a file that is new (an imported glossary or TMX): refuse if it exists.
MUST_NOT_EXIST: Final = _MustNotExist()
#: What a target may be expected to hold: bytes with this fingerprint, nothing (None: it did not
#: exist when read, as :attr:`Catalog.fingerprint` says), or nothing at all by definition.
Expected = str | None | _MustNotExist

CHANGED = "changed on disk since it was read (saved in an editor?); nothing written, run the command again"
APPEARED = "appeared on disk since it was read; nothing written, run the command again"
EXISTS = "already exists; nothing written"

#: A temp file of ours that no live process owns is removed; one whose owner we cannot tell,
#: (an earlier version's ``.<name>.<random>.tmp``) only when it is older than this.
STALE_AFTER_S: Final = 3600
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.(?P<token>[0-9a-f]{8})\.tmp$")
_LEGACY_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # tempfile.mkstemp(prefix=".<name>.", suffix=".tmp")


def fingerprint_of(path: Path) -> str | None:
    """The fingerprint of a file now; None when there is none (an output about to be created)."""
    current = _read(path)
    return None if current is None else fingerprint(current)


@dataclass
class _Write:
    path: Path
    data: bytes
    expected: Expected
    temp: Path | None = None
    old: bytes | None = None  # what the target held when checked (for undo without exchange)
    how: str = ""  # "exchange", "link" or "replace", once installed


class Transaction:
    """Files to write together; nothing touches the disk until :meth:`commit`."""

    def __init__(self) -> None:
        self._writes: dict[str, _Write] = {}

    def __len__(self) -> int:
        return len(self._writes)

    def add(self, path: Path, data: bytes, expected: Expected) -> None:
        """Write ``data`` to ``path`` if it still holds what ``expected`` says (the last add of a path wins)."""
        key = os.path.abspath(path)
        earlier = self._writes.get(key)
        self._writes[key] = _Write(Path(path), data, earlier.expected if earlier else expected)

    def add_output(self, path: Path, data: bytes) -> None:
        """A generated file (edition, report, export): expected to stay as it is while we write it."""
        self.add(path, data, fingerprint_of(path))

    def changes(self) -> list[Path]:
        """The paths a commit would write now (for --dry-run); writes nothing, refuses nothing."""
        return [w.path for w in self._writes.values() if _read(w.path) != w.data]

    def commit(self) -> list[Path]:
        """Write every changed file or none; returns the paths written, in the order added."""
        writes = list(self._writes.values())
        folders = list(dict.fromkeys(w.path.parent for w in writes))
        for folder in folders:
            clean_stale(folder)
        pending = []
        for w in writes:
            current = _read(w.path)
            if current == w.data:
                continue  # already what we would write: nothing to do, nothing to refuse
            _verify(w, current)
            pending.append(w)
        if not pending:
            return []
        created: list[Path] = []
        try:
            for folder in dict.fromkeys(w.path.parent for w in pending):
                created += _make_folder(folder, pending)
            for w in pending:
                w.temp = _temp_file(w)
            for w in pending:
                w.old = _read(w.path)
                _verify(w, w.old)
            with _signals_held():
                _install(pending)
        except BaseException:
            for w in pending:
                if w.temp is not None:
                    _unlink(w.temp)
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        for folder in dict.fromkeys(w.path.parent for w in pending):
            _fsync_folder(folder)
        return [w.path for w in pending]


def write(path: Path, data: bytes, expected: Expected) -> bool:
    """One file as a transaction; True if it was written (False: it already held ``data``)."""
    tx = Transaction()
    tx.add(path, data, expected)
    return bool(tx.commit())


def write_output(path: Path, data: bytes) -> bool:
    """One generated file (export, report, edition): old or new bytes, never half, never a temp left."""
    tx = Transaction()
    tx.add_output(path, data)
    return bool(tx.commit())


def clean_stale(folder: Path) -> list[Path]:
    """Remove temp files that killed runs left in ``folder``: ours whose process is gone, or old ones."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        ours = _TEMP.match(entry.name)
        if not ours and not _LEGACY_TEMP.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        orphaned = ours is not None and int(ours["pid"]) != os.getpid() and not _alive(int(ours["pid"]))
        if orphaned or now - info.st_mtime > STALE_AFTER_S:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


# --- steps -----------------------------------------------------------------------------


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except IsADirectoryError:
        raise CatalogError("is a folder, not a file; nothing written", path) from None
    except OSError as exc:
        raise CatalogError(f"cannot read before writing: {exc.strerror}; nothing written", path) from None


def _verify(w: _Write, current: bytes | None) -> None:
    """Refuse when the target no longer holds what the command read."""
    if isinstance(w.expected, _MustNotExist):
        if current is not None:
            raise ConflictError(EXISTS, w.path)
    elif w.expected is None:
        if current is not None:
            raise ConflictError(APPEARED, w.path)
    elif current is None or fingerprint(current) != w.expected:
        raise ConflictError(CHANGED if current is not None else CHANGED.replace("changed", "removed", 1), w.path)


def _make_folder(folder: Path, pending: list[_Write]) -> list[Path]:
    """Create a missing target folder (and parents); returns those created, to remove on failure."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for parent in reversed(missing):
        try:
            parent.mkdir()
        except FileExistsError:
            if not parent.is_dir():
                raise CatalogError("cannot write: not a folder; nothing written", parent) from None
        except OSError as exc:
            shown = next(w.path for w in pending if w.path.parent == folder)
            raise CatalogError(f"cannot create its folder: {exc.strerror}; nothing written", shown) from None
    return list(reversed(missing))


def _temp_file(w: _Write) -> Path:
    """The new bytes, fsynced, in a temp file beside the target, with the target's permissions."""
    folder = w.path.parent
    if not folder.is_dir():
        raise CatalogError("cannot write: its folder is not a folder; nothing written", w.path)
    temp = folder / f".{w.path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise CatalogError(f"cannot write in its folder: {exc.strerror}; nothing written", w.path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(w.data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = stat.S_IMODE(w.path.stat().st_mode)
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(temp, mode)
    except OSError as exc:
        _unlink(temp)
        raise CatalogError(f"cannot write: {exc.strerror}; nothing written", w.path) from None
    except BaseException:
        _unlink(temp)
        raise
    return temp


def _install(pending: list[_Write]) -> None:
    """Put every temp in place; on a refusal undo the ones done, so it stays all or nothing."""
    done: list[_Write] = []
    try:
        for w in pending:
            _install_one(w)
            done.append(w)
    except BaseException:
        for w in reversed(done):
            _undo(w)
        raise
    for w in pending:
        if w.how in ("exchange", "link"):
            _unlink(w.temp)  # the old bytes, or a second name of the new file
        w.temp = None


def _install_one(w: _Write) -> None:
    assert w.temp is not None
    try:
        if isinstance(w.expected, str):
            if _rename2(w.temp, w.path, _RENAME_EXCHANGE):
                w.how = "exchange"
                displaced = _read(w.temp)  # what was at the target an instant ago
                if displaced is None or fingerprint(displaced) != w.expected:
                    _rename2(w.temp, w.path, _RENAME_EXCHANGE)  # theirs back in place, ours at the temp name
                    w.how = ""
                    raise ConflictError(CHANGED, w.path)
                return
        else:
            with contextlib.suppress(FileExistsError):  # FileExistsError: verified below
                if _link(w.temp, w.path) or _rename2(w.temp, w.path, _RENAME_NOREPLACE):
                    w.how = "link" if w.temp.exists() else "replace"
                    return
        _verify(w, _read(w.path))  # no atomic way here: verify, then replace
        if not isinstance(w.expected, str) and os.path.lexists(w.path):
            raise ConflictError(APPEARED, w.path)  # a dangling symlink, say
        os.replace(w.temp, w.path)
        w.how = "replace"
    except OSError as exc:
        if exc.errno == errno.ENOENT and isinstance(w.expected, str):
            raise ConflictError(CHANGED.replace("changed", "removed", 1), w.path) from None
        raise CatalogError(f"cannot write: {exc.strerror}; nothing written", w.path) from None


def _link(source: Path, target: Path) -> bool:
    """A hard link never replaces a file; False where the file system has none."""
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            return False
        raise
    return True


def _undo(w: _Write) -> None:
    """Put back what a target held before we installed ours, unless someone changed ours since."""
    if w.how == "exchange" and w.temp is not None:
        with contextlib.suppress(OSError):
            _rename2(w.temp, w.path, _RENAME_EXCHANGE)
            if _read(w.temp) != w.data:  # someone saved over our new file already: keep their bytes
                _rename2(w.temp, w.path, _RENAME_EXCHANGE)
    elif w.how == "link" and w.temp is not None:
        with contextlib.suppress(OSError):
            if os.path.samefile(w.temp, w.path):
                os.unlink(w.path)
    elif w.how == "replace" and _read(w.path) == w.data:
        if w.old is None:
            _unlink(w.path)
        else:
            with contextlib.suppress(OSError):
                restore = w.path.parent / f".{w.path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
                restore.write_bytes(w.old)
                os.chmod(restore, stat.S_IMODE(w.path.stat().st_mode))
                os.replace(restore, w.path)
    w.how = ""


# --- system ----------------------------------------------------------------------------

_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2
_AT_FDCWD = -100
_renameat2 = None
if sys.platform.startswith("linux"):
    with contextlib.suppress(OSError, AttributeError):
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        _renameat2 = _libc.renameat2  # glibc 2.28+
        _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        _renameat2.restype = ctypes.c_int
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


def _rename2(source: Path, target: Path, flags: int) -> bool:
    """renameat2(2); False where the system or file system has no such call (use the fallback)."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(target))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or a number we cannot check: keep the file till it is old
    return True


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _unlink(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _fsync_folder(folder: Path) -> None:
    """Make the renames themselves durable (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM arrive after the renames, not between two of them."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)

"""Every bad input gets one clear answer: exit 2, one line naming the file, nothing changed.

The cases live in tests/broken/cases.toml (what to place, what to run, what must come
back); small inputs are files under tests/broken/<kind>/, the rest (bytes in other
encodings, archives, big files, FIFOs, links, permissions) are made by the makers
below at test time. For PO/POT files GNU gettext is the judge: the verdict in the
manifest must be msgfmt -c's, and a valid catalog rewritten by ``translate update``
must mean exactly what it meant to gettext before.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import random
import resource
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from translate.cli import main

BROKEN = Path(__file__).resolve().parents[1] / "broken"
CASES: list[dict] = tomllib.loads((BROKEN / "cases.toml").read_text(encoding="utf-8"))["case"]
KO = "locales/ko/guard.po"
POT = "locales/templates/guard.pot"
TOP = "translate-en_ko-1_0"  # the top folder of an en→ko package, as builder names it
#: A command that does not answer within this many seconds hangs (isolated cases).
HANG_AFTER = 10  # or one second blocked on a FIFO
#: Address space of an isolated command: a bounded reader needs far less, a zip bomb far more.
MEMORY_LIMIT = 3 * 1024**3
#: Root ignores file modes; without these capabilities it obeys them like any owner.
WITHOUT_OVERRIDES = "-dac_override,-dac_read_search,-fowner"


# --- the workspace every case starts from ----------------------------------------------


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/broken/workspace with its catalogs written by `translate update`; packages/ beside it."""
    root = tmp_path_factory.mktemp("base")
    ws = root / "ws"
    shutil.copytree(BROKEN / "workspace", ws)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ws)
        mp.setenv("SOURCE_DATE_EPOCH", "1600000000")
        assert main(["update"]) == 0, "the base workspace must build"
    for rel in (POT, KO, "locales/ja/guard.po"):
        assert (ws / rel).is_file(), rel
    # One package is already installed: a bad install must leave it alone.
    installed = root / "packages" / "translate-ko_en-1_0"
    (installed / "model").mkdir(parents=True)
    metadata = {"package_version": "1.0", "from_code": "ko", "to_code": "en", "type": "translate"}
    (installed / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (installed / "model" / "model.bin").write_bytes(b"installed earlier")
    (installed / "sentencepiece.model").write_bytes(b"installed earlier")
    return root


@dataclass
class Setup:
    ws: Path
    packages: Path


def prepare(case: dict, base: Path, tmp_path: Path) -> Setup:
    """A fresh copy of the workspace with the case's files placed and its makers run."""
    setup = Setup(tmp_path / "ws", tmp_path / "packages")
    shutil.copytree(base / "ws", setup.ws, symlinks=True)
    shutil.copytree(base / "packages", setup.packages, symlinks=True)
    for dest, source in case.get("files", {}).items():
        target = setup.ws / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BROKEN / source, target)
    for name in case.get("make", []):
        MAKERS[name](setup.ws, setup.packages)
    return setup


# --- what the file system holds ---------------------------------------------------------


def snapshot(setup: Setup) -> dict[str, tuple]:
    """Every entry under the workspace and the packages folder: kind and bytes, links unfollowed."""
    found: dict[str, tuple] = {}
    for label, root in (("", setup.ws), ("{packages}/", setup.packages)):
        for folder, dirs, files in os.walk(root):
            for name in dirs + files:
                path = Path(folder) / name
                rel = label + path.relative_to(root).as_posix()
                mode = path.lstat().st_mode
                if stat.S_ISLNK(mode):
                    found[rel] = ("link", os.readlink(path))
                elif stat.S_ISDIR(mode):
                    found[rel] = ("dir",)
                elif stat.S_ISREG(mode):
                    try:
                        found[rel] = ("file", path.read_bytes())
                    except PermissionError:  # unreadable on purpose; the tests run it as another user
                        found[rel] = ("file", "unreadable", path.stat().st_size, path.stat().st_mtime_ns)
                else:
                    found[rel] = ("special", stat.S_IFMT(mode))
    return found


def differences(before: dict[str, tuple], after: dict[str, tuple], allowed: list[str]) -> list[str]:
    def free(rel: str) -> bool:
        return any(rel == a or rel.startswith(a + "/") for a in allowed) and not _temporary(rel)

    changed = [f"changed {r}" for r in before if r in after and before[r] != after[r] and not free(r)]
    removed = [f"removed {r}" for r in before if r not in after and not free(r)]
    added = [f"added {r}" for r in after if r not in before and not free(r)]
    return changed + removed + added


def _temporary(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name.endswith(".tmp") or name.startswith(".installing-")


# --- running a command ------------------------------------------------------------------


@dataclass
class Outcome:
    code: int | None  # None: it hung
    out: str
    err: str
    escaped: str = ""  # the traceback of an exception that got out of main()


def run_case(case: dict, setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Outcome:
    argv = list(case["run"])
    env = {"SOURCE_DATE_EPOCH": "1600000000", "ARGOS_PACKAGES_DIR": str(setup.packages)}
    if case.get("isolate") or case.get("as_user"):
        return _run_isolated(argv, setup, env, as_user=bool(case.get("as_user")))
    monkeypatch.chdir(setup.ws)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    capsys.readouterr()
    try:
        code = main(argv)
    except BaseException:
        out, err = capsys.readouterr()
        return Outcome(-1, out, err, traceback.format_exc())
    out, err = capsys.readouterr()
    return Outcome(code, out, err)


def _run_isolated(argv: list[str], setup: Setup, env: dict[str, str], as_user: bool) -> Outcome:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    environment = (
        os.environ | env | {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    )
    command = [sys.executable, "-m", "translate", *argv]
    if as_user and os.geteuid() == 0:
        command = ["setpriv", f"--bounding-set={WITHOUT_OVERRIDES}", f"--inh-caps={WITHOUT_OVERRIDES}", *command]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            command,
            cwd=setup.ws,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=limits,
        )
        hung = _wait(child)
        out.seek(0)
        err.seek(0)
        return Outcome(None if hung else child.returncode, _text(out.read()), _text(err.read()))


def _wait(child: subprocess.Popen) -> bool:
    """Wait for the command; True (and killed) when it hangs: blocked on a FIFO for a second, or too slow."""
    started = time.monotonic()
    blocked_since: float | None = None
    while child.poll() is None:
        now = time.monotonic()
        blocked_since = blocked_since or now if _blocked_on_a_pipe(child.pid) else None
        if now - started > HANG_AFTER or (blocked_since and now - blocked_since > 1.0):
            child.kill()
            child.wait()
            return True
        time.sleep(0.05)
    return False


def _blocked_on_a_pipe(pid: int) -> bool:
    """Linux says where a sleeping thread waits: opening a FIFO with no writer, or reading an empty pipe."""
    for wchan in Path(f"/proc/{pid}/task").glob("*/wchan"):
        with contextlib.suppress(OSError):
            where = wchan.read_text()
            if where == "wait_for_partner" or "pipe_read" in where or where == "pipe_wait":
                return True
    return False


def _text(data: bytes | str | None) -> str:
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else data or ""


# --- the runner -------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_input(case: dict, base: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    setup = prepare(case, base, tmp_path)
    before = snapshot(setup)
    got = run_case(case, setup, capsys, monkeypatch)
    after = snapshot(setup)
    command = "translate " + " ".join(case["run"])
    assert got.code is not None, f"[hang] {command} gave no answer within {HANG_AFTER} s"
    assert not got.escaped, f"[exception escaped] {command} raised out of main():\n{got.escaped}"
    assert "Traceback" not in got.err, f"[traceback] {command}:\n{got.err[-3000:]}"
    assert got.code == case["exit"], f"[wrong exit] {command} exited {got.code}, expected {case['exit']}:\n{got.err}"
    if case["exit"] == 2:
        lines = got.err.splitlines()
        assert len(lines) == 1 and got.err.endswith("\n"), f"[not one line] stderr has {len(lines)} lines:\n{got.err}"
        assert got.err.startswith("translate: error: "), f"[not one line] {got.err}"
        expected = case["names"].replace("{packages}", str(setup.packages))
        assert expected in got.err, f"[not named] stderr does not name {expected}: {got.err}"
    changed = differences(before, after, case.get("changes", []))
    assert not changed, f"[files changed] {command} (exit {got.code}) left: {', '.join(changed)}\n{got.err}"
    assert not [r for r in after if _temporary(r)], "[files changed] stray temp files left"


GETTEXT_CASES = [c for c in CASES if "gettext" in c]


@pytest.mark.parametrize("case", GETTEXT_CASES, ids=[c["name"] for c in GETTEXT_CASES])
def test_po_verdict_is_gettexts(case: dict, base: Path, tmp_path: Path) -> None:
    """Rejected by msgfmt -c ⇔ exit 2 from us, except for the few refusals the manifest argues for."""
    setup = prepare(case, base, tmp_path)
    checked = _msgfmt_check(setup.ws / case["gettext"])
    if "diverges" in case:
        assert checked.returncode == 0 and case["exit"] == 2, f"not a divergence: {checked.stderr}"
        return
    assert (checked.returncode != 0) == (case["exit"] == 2), (
        f"msgfmt -c {'rejects' if checked.returncode else 'accepts'} {case['gettext']}, "
        f"the manifest expects exit {case['exit']}:\n{checked.stderr}"
    )


def _msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, errors="replace", check=False
    )


ROUND_TRIPS = [c for c in CASES if c.get("roundtrip")]


@pytest.mark.parametrize("case", ROUND_TRIPS, ids=[c["name"] for c in ROUND_TRIPS])
def test_valid_catalog_survives_update_unchanged_in_meaning(
    case: dict, base: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    """`translate update` reads a valid catalog and writes back every message as gettext read it."""
    setup = prepare(case, base, tmp_path)
    path = setup.ws / case["gettext"]
    original = tmp_path / "original.po"
    original.write_bytes(path.read_bytes())
    got = run_case({"run": ["update"]}, setup, capsys, monkeypatch)
    assert not got.escaped, got.escaped
    assert got.code == 0, got.err
    checked = _msgfmt_check(path)
    assert checked.returncode == 0, f"msgfmt -c rejects our rewrite of a valid catalog:\n{checked.stderr}"
    theirs, ours = gettext_messages(original), gettext_messages(path)
    lost = {key: text for key, text in theirs.items() if ours.get(key) != text}
    assert not lost, "messages changed by a read/write round trip (gettext's reading → ours):\n" + "\n".join(
        f"  {key!r}: {text!r} → {ours.get(key)!r}" for key, text in lost.items()
    )


def gettext_messages(path: Path) -> dict[str, str]:
    """Every translated message, obsolete and fuzzy ones included, as gettext decodes it (via a .mo)."""
    active = subprocess.run(["msgattrib", "--clear-obsolete", str(path)], capture_output=True, check=False)
    assert active.returncode == 0, active.stderr.decode("utf-8", "replace")
    if not active.stdout:  # gettext writes nothing for a catalog that is only a header
        return {}
    compiled = subprocess.run(
        ["msgfmt", "--use-fuzzy", "-o", "-", "-"], input=active.stdout, capture_output=True, check=False
    )
    assert compiled.returncode == 0, compiled.stderr.decode("utf-8", "replace")
    return read_mo(compiled.stdout)


def read_mo(data: bytes) -> dict[str, str]:
    """Messages of a .mo file: "context\\x04msgid\\x00plural" → msgstr, decoded in the file's charset."""
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])

    def string(table: int, index: int) -> bytes:
        length, offset = struct.unpack(order + "2I", data[table + 8 * index : table + 8 * index + 8])
        return data[offset : offset + length]

    raw = {string(originals, i): string(translations, i) for i in range(count)}
    header = raw.pop(b"", b"").decode("ascii", "replace")
    charset = "utf-8"
    for line in header.splitlines():
        if line.lower().startswith("content-type:") and "charset=" in line:
            charset = line.split("charset=", 1)[1].strip()
    return {key.decode(charset): value.decode(charset) for key, value in raw.items()}


# --- makers: inputs that are bytes, big, or not plain files -----------------------------

MakerFn = Callable[[Path, Path], None]
MAKERS: dict[str, MakerFn] = {}


def maker(fn: MakerFn) -> MakerFn:
    MAKERS[fn.__name__] = fn
    return fn


HEADER = (BROKEN / "po" / "valid-header-only.po").read_text(encoding="utf-8")
ENTRY = 'msgctxt "hyesan-1"\nmsgid "A trader in Hyesan says prices doubled."\nmsgstr "{}"\n'


def _catalog(text: str, encoding: str = "utf-8", charset: str = "UTF-8") -> bytes:
    return (HEADER.replace("charset=UTF-8", f"charset={charset}") + "\n" + text).encode(encoding)


@maker
def po_invalid_utf8(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(_catalog(ENTRY.format("혜산의 상인")).replace("상인".encode(), b"\xff\xfe\xc3"))


@maker
def po_truncated_mid_character(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(_catalog(ENTRY.format("혜산의 상인"))[:-5])  # cut inside 인


@maker
def po_utf16(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(_catalog(ENTRY.format("혜산의 상인"), "utf-16"))


@maker
def po_utf8_bom(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(b"\xef\xbb\xbf" + _catalog(ENTRY.format("혜산의 상인")))


@maker
def po_utf8_bom_crlf(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(b"\xef\xbb\xbf" + _catalog(ENTRY.format("혜산의 상인")).replace(b"\n", b"\r\n"))


@maker
def po_crlf(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(
        _catalog(
            ENTRY.format("혜산의 상인")
            + '\nmsgctxt "w"\nmsgid ""\n"Kaesong "\n"office"\nmsgstr ""\n"개성 "\n"사무소"\n'
        ).replace(b"\n", b"\r\n")
    )


@maker
def po_cr_only(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(_catalog(ENTRY.format("혜산의 상인")).replace(b"\n", b"\r"))


@maker
def po_nul_byte_raw(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(_catalog(ENTRY.format("혜산의\x00상인")))


@maker
def po_euc_kr_declared(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(_catalog(ENTRY.format("혜산의 한 상인은 물가가 두 배로 뛰었다고 말했다"), "euc-kr", "EUC-KR"))


@maker
def po_shift_jis_declared(ws: Path, packages: Path) -> None:
    text = _catalog(ENTRY.format("恵山の商人は物価が倍になったと語った"), "shift_jis", "SHIFT_JIS")
    (ws / "locales/ja/guard.po").write_bytes(text.replace(b"Language: ko", b"Language: ja"))


@maker
def po_huge_msgstr(ws: Path, packages: Path) -> None:
    (ws / KO).write_bytes(_catalog(ENTRY.format("혜산의 상인이 말했다. " * 40_000)))


@maker
def pot_invalid_utf8(ws: Path, packages: Path) -> None:
    data = (ws / POT).read_bytes()
    (ws / POT).write_bytes(data.replace(b"Hyesan", b"Hy\xe9san", 1))


def _fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.symlink_to(path.name)


def _directory(path: Path) -> None:
    path.unlink(missing_ok=True)
    (path / "inside").mkdir(parents=True)


@maker
def po_fifo(ws: Path, packages: Path) -> None:
    _fifo(ws / KO)


@maker
def po_directory(ws: Path, packages: Path) -> None:
    _directory(ws / KO)


@maker
def po_symlink_loop(ws: Path, packages: Path) -> None:
    _loop(ws / KO)


@maker
def po_unreadable(ws: Path, packages: Path) -> None:
    (ws / KO).chmod(0)


@maker
def pot_symlink_loop(ws: Path, packages: Path) -> None:
    _loop(ws / POT)


@maker
def pot_fifo(ws: Path, packages: Path) -> None:
    _fifo(ws / POT)


@maker
def ko_folder_read_only(ws: Path, packages: Path) -> None:
    (ws / KO).parent.chmod(0o555)


@maker
def templates_folder_read_only(ws: Path, packages: Path) -> None:
    (ws / POT).parent.chmod(0o555)


@maker
def ko_misspelled_translation(ws: Path, packages: Path) -> None:
    """A translator wrote the forbidden 혜싼: check --fix has something to rewrite in the ko catalog."""
    path = ws / KO
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition('msgid "A former trader')
    rest = rest.replace('msgstr ""', 'msgstr "혜싼의 한 전직 상인은 국경 봉쇄로 장마당이 텅 비었다고 말했다."', 1)
    path.write_text(head + sep + rest, encoding="utf-8")


# articles

ART = "articles/guard.md"
FRONT = "---\ntitle: {}\n---\n\n"


@maker
def article_revised(ws: Path, packages: Path) -> None:
    path = ws / ART
    path.write_text(path.read_text(encoding="utf-8").replace("She left in 2019.", "She left in June 2019."))


@maker
def article_alias_bomb(ws: Path, packages: Path) -> None:
    (ws / ART).write_text("---\n" + _yaml_bomb("notes") + "title: Hyesan\n---\n\nThe market reopened.\n")


def _yaml_bomb(key: str) -> str:
    lines = ['a: &a ["Hyesan", "Hyesan", "Hyesan", "Hyesan", "Hyesan", "Hyesan", "Hyesan", "Hyesan", "Hyesan"]']
    for n in range(1, 9):
        prev, cur = chr(96 + n), chr(97 + n)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + f"\n{key}: *i\n"


@maker
def article_nul_bytes(ws: Path, packages: Path) -> None:
    (ws / ART).write_bytes((FRONT.format("Hyesan") + "The market\x00 reopened in Hyesan.\n").encode())


@maker
def article_latin1(ws: Path, packages: Path) -> None:
    (ws / ART).write_bytes(
        (FRONT.format("Café owners in Sinŭiju") + "A café in Sinuiju reopened.\n").encode("latin-1", "replace")
    )


@maker
def article_shift_jis(ws: Path, packages: Path) -> None:
    text = FRONT.format("恵山の市場") + "恵山の元商人は、国境封鎖で市場が空になったと語った。\n"
    (ws / ART).write_bytes(text.encode("shift_jis"))


@maker
def article_utf16(ws: Path, packages: Path) -> None:
    (ws / ART).write_bytes((FRONT.format("Kaesong") + "The office in Kaesong closed.\n").encode("utf-16"))


@maker
def article_png_named_md(ws: Path, packages: Path) -> None:
    rng = random.Random(7)
    (ws / ART).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(2000))


@maker
def article_overlong_utf8(ws: Path, packages: Path) -> None:
    (ws / ART).write_bytes(FRONT.format("Hyesan").encode() + b"The market \xc0\xaf reopened.\n")


@maker
def article_surrogate_utf8(ws: Path, packages: Path) -> None:
    (ws / ART).write_bytes(FRONT.format("Hyesan").encode() + b"The market \xed\xa0\x80 reopened.\n")


@maker
def html_euc_kr(ws: Path, packages: Path) -> None:
    text = "<html><body><p>혜산의 한 상인은 장마당이 텅 비었다고 말했다.</p></body></html>\n"
    (ws / "articles/notice.html").write_bytes(text.encode("euc-kr"))


@maker
def article_bom_crlf(ws: Path, packages: Path) -> None:
    text = FRONT.format("Kaesong office") + "The office in Kaesong closed in 2020.\n\n-- Why?\n\nA: Nobody said.\n"
    (ws / "articles/edge.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())


@maker
def article_cr_only(ws: Path, packages: Path) -> None:
    text = FRONT.format("Kaesong office") + "The office in Kaesong closed in 2020.\n"
    (ws / "articles/edge.md").write_bytes(text.replace("\n", "\r").encode())


@maker
def article_huge_line(ws: Path, packages: Path) -> None:
    line = "Traders in Hyesan said the guards took a share of everything " * 5000
    (ws / "articles/edge.md").write_text(FRONT.format("A long paste") + line.strip() + ".\n", encoding="utf-8")


@maker
def article_directory(ws: Path, packages: Path) -> None:
    (ws / "articles/folder.md").mkdir()


@maker
def article_symlink_loop(ws: Path, packages: Path) -> None:
    _loop(ws / "articles/loop.md")


@maker
def article_fifo(ws: Path, packages: Path) -> None:
    _fifo(ws / "articles/pipe.md")


@maker
def article_unreadable(ws: Path, packages: Path) -> None:
    (ws / ART).chmod(0)


@maker
def articles_empty(ws: Path, packages: Path) -> None:
    (ws / ART).unlink()


# glossary


@maker
def glossary_alias_bomb(ws: Path, packages: Path) -> None:
    bomb = _yaml_bomb("notes").replace("\n", "\n  ")
    (ws / "glossary/bad.yaml").write_text("- id: kaesong\n  type: place\n  en: Kaesong\n  " + bomb)


@maker
def glossary_deep_nesting(ws: Path, packages: Path) -> None:
    depth = 20_000
    (ws / "glossary/bad.yaml").write_text("- id: kaesong\n  en: Kaesong\n  notes: " + "[" * depth + "]" * depth + "\n")


@maker
def glossary_invalid_utf8(ws: Path, packages: Path) -> None:
    (ws / "glossary/bad.yaml").write_bytes("- id: kaesong\n  en: Kaesong\n  ko: 개성\n".encode("euc-kr"))


@maker
def glossary_utf8_bom(ws: Path, packages: Path) -> None:
    (ws / "glossary/extra.yaml").write_bytes(b"\xef\xbb\xbf" + (BROKEN / "glossary/another-entry.yaml").read_bytes())


@maker
def glossary_fifo(ws: Path, packages: Path) -> None:
    _fifo(ws / "glossary/pipe.yaml")


@maker
def glossary_symlink_loop(ws: Path, packages: Path) -> None:
    _loop(ws / "glossary/loop.yaml")


@maker
def glossary_directory(ws: Path, packages: Path) -> None:
    (ws / "glossary/folder.yaml").mkdir()


@maker
def glossary_unreadable(ws: Path, packages: Path) -> None:
    (ws / "glossary/places.yaml").chmod(0)


@maker
def glossary_folder_missing(ws: Path, packages: Path) -> None:
    shutil.rmtree(ws / "glossary")


# translate.toml


@maker
def toml_invalid_utf8(ws: Path, packages: Path) -> None:
    (ws / "translate.toml").write_bytes('# 작업 공간\n[workspace]\nlanguages = ["en", "ko"]\n'.encode("euc-kr"))


@maker
def toml_directory(ws: Path, packages: Path) -> None:
    _directory(ws / "translate.toml")


@maker
def toml_symlink_loop(ws: Path, packages: Path) -> None:
    _loop(ws / "translate.toml")


@maker
def toml_fifo(ws: Path, packages: Path) -> None:
    _fifo(ws / "translate.toml")


@maker
def toml_unreadable(ws: Path, packages: Path) -> None:
    (ws / "translate.toml").chmod(0)


# TBX, CSV, TMX


def _imports(ws: Path, name: str) -> Path:
    (ws / "imports").mkdir(exist_ok=True)
    return ws / "imports" / name


@maker
def tbx_huge_term(ws: Path, packages: Path) -> None:
    text = (BROKEN / "tbx/one-place.tbx").read_text(encoding="utf-8")
    _imports(ws, "terms.tbx").write_text(
        text.replace("<term>Kaesong</term>", "<term>" + "Kaesong " * 1_500_000 + "</term>")
    )


@maker
def tbx_invalid_utf8(ws: Path, packages: Path) -> None:
    data = (BROKEN / "tbx/one-place.tbx").read_bytes()
    _imports(ws, "terms.tbx").write_bytes(data.replace("개성".encode(), "개성".encode("euc-kr")))


@maker
def tbx_directory(ws: Path, packages: Path) -> None:
    _imports(ws, "folder.tbx").mkdir()


@maker
def csv_huge_field(ws: Path, packages: Path) -> None:
    text = (BROKEN / "csv/one-place.csv").read_text(encoding="utf-8")
    _imports(ws, "terms.csv").write_text(text + "kaesong,place,en,admitted,Kae" + "s" * 200_000 + "ong,\n")


@maker
def csv_shift_jis(ws: Path, packages: Path) -> None:
    text = "id,type,lang,status,form,notes\nkaesong,place,ja,preferred,開城,開城工業団地\n"
    _imports(ws, "terms.csv").write_bytes(text.encode("shift_jis"))


@maker
def csv_nul_byte(ws: Path, packages: Path) -> None:
    text = (BROKEN / "csv/one-place.csv").read_text(encoding="utf-8")
    _imports(ws, "terms.csv").write_text(text.replace("Kaesong,", "Kae\x00song,"))


@maker
def tmx_invalid_utf8(ws: Path, packages: Path) -> None:
    data = (BROKEN / "tmx/one-unit.tmx").read_bytes()
    _imports(ws, "memory.tmx").write_bytes(data.replace("개성".encode(), "개성".encode("euc-kr")))


@maker
def tmx_directory(ws: Path, packages: Path) -> None:
    _imports(ws, "folder.tmx").mkdir()


@maker
def tmx_fifo(ws: Path, packages: Path) -> None:
    _fifo(_imports(ws, "pipe.tmx"))


# .argosmodel archives

MODEL = "model.argosmodel"
METADATA = {"package_version": "1.0", "from_code": "en", "to_code": "ko", "type": "translate", "package_name": "en-ko"}


@functools.cache
def valid_archive() -> bytes:
    """A small real package (SentencePiece + CTranslate2), built once."""
    from tests.support import builder

    corpus = [
        "A former trader from Hyesan says the border closure emptied the markets.",
        "Smugglers brought goods across the river at night.",
        "The guards took a share.",
        "She left in 2019.",
    ] * 10
    with tempfile.TemporaryDirectory() as tmp:
        return builder.build(Path(tmp) / MODEL, "en", "ko", corpus).read_bytes()


def _members(**replace: bytes | None) -> dict[str, bytes]:
    """The members of the valid package, some replaced (None: left out)."""
    with zipfile.ZipFile(io.BytesIO(valid_archive())) as archive:
        members = {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    for short, data in replace.items():
        name = f"{TOP}/{short.replace('__', '/').replace('_dot_', '.')}"
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
    return members


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def _model(ws: Path) -> Path:
    return _imports(ws, MODEL)


def _renamed(prefix: str) -> dict[str, bytes]:
    return {prefix + name.split("/", 1)[1]: data for name, data in _members().items()}


@maker
def model_not_a_zip(ws: Path, packages: Path) -> None:
    _model(ws).write_text("translate-en_ko: download interrupted, please retry\n")


@maker
def model_empty_file(ws: Path, packages: Path) -> None:
    _model(ws).write_bytes(b"")


@maker
def model_truncated(ws: Path, packages: Path) -> None:
    data = valid_archive()
    _model(ws).write_bytes(data[: len(data) // 2])


@maker
def model_dot_dot_path(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members() | {f"{TOP}/../../outside.txt": b"escaped"})


@maker
def model_absolute_path(ws: Path, packages: Path) -> None:
    members = _members()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        info = zipfile.ZipInfo("/tmp/translate-outside.txt")
        archive.writestr(info, b"escaped")
    _model(ws).write_bytes(buffer.getvalue())


@maker
def model_top_folder_dot(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _renamed("./"))


@maker
def model_two_top_folders(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members() | _renamed("translate-en_ja-1_0/"))


@maker
def model_no_top_folder(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _renamed(""))


@maker
def model_backslash_path(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members() | {f"{TOP}/model\\..\\..\\..\\outside.txt": b"escaped"})


@maker
def model_symlink_member(ws: Path, packages: Path) -> None:
    members = _members(sentencepiece_dot_model=None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        info = zipfile.ZipInfo(f"{TOP}/sentencepiece.model")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        info.create_system = 3
        archive.writestr(info, "/etc/passwd")
    _model(ws).write_bytes(buffer.getvalue())


def _patch_flag(data: bytes, name: str, flag: int) -> bytes:
    """Set a general-purpose flag bit of one member in its local and central headers."""
    encoded = name.encode()
    out = bytearray(data)
    for signature, flag_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            length = struct.unpack("<H", out[start + name_len_at : start + name_len_at + 2])[0]
            if bytes(out[start + name_at : start + name_at + length]) == encoded:
                bits = struct.unpack("<H", out[start + flag_at : start + flag_at + 2])[0]
                out[start + flag_at : start + flag_at + 2] = struct.pack("<H", bits | flag)
            start += 4
    return bytes(out)


@maker
def model_encrypted_member(ws: Path, packages: Path) -> None:
    data = _zip(_model(ws), _members())
    _model(ws).write_bytes(_patch_flag(data, f"{TOP}/metadata.json", 0x1))


@maker
def model_corrupt_member(ws: Path, packages: Path) -> None:
    members = _members(metadata_dot_json=json.dumps(METADATA | {"notes": "Hyesan " * 200}).encode())
    data = bytearray(_zip(_model(ws), members))
    name = f"{TOP}/metadata.json".encode()
    at = data.find(b"PK\x03\x04")
    while at != -1:
        length, extra = struct.unpack("<HH", data[at + 26 : at + 30])
        if bytes(data[at + 30 : at + 30 + length]) == name:
            body = at + 30 + length + extra
            for i in range(body + 5, body + 25):
                data[i] ^= 0x5A
            break
        at = data.find(b"PK\x03\x04", at + 4)
    _model(ws).write_bytes(bytes(data))


@maker
def model_missing_model_bin(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members(model__model_dot_bin=None))


@maker
def model_missing_metadata(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members(metadata_dot_json=None))


@maker
def model_metadata_not_json(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members(metadata_dot_json=b"{from_code: en, to_code: ko"))


@maker
def model_metadata_wrong_types(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members(metadata_dot_json=json.dumps(METADATA | {"from_code": 5, "to_code": ["ko"]}).encode()))


@maker
def model_metadata_language_kr(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members(metadata_dot_json=json.dumps(METADATA | {"to_code": "kr"}).encode()))


@maker
def model_garbage_model_bin(ws: Path, packages: Path) -> None:
    _zip(_model(ws), _members(model__model_dot_bin=random.Random(11).randbytes(64 * 1024)))


@maker
def model_valid(ws: Path, packages: Path) -> None:
    _model(ws).write_bytes(valid_archive())


def _streamed(
    path: Path, members: dict[str, bytes], big: str, head: bytes, fill: bytes, size: int, tail: bytes
) -> None:
    """An archive with one member of ``size`` bytes, written in chunks (never held in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            if name != big:
                archive.writestr(name, data)
        with archive.open(zipfile.ZipInfo(big), "w", force_zip64=True) as handle:
            handle.write(head)
            chunk = fill * (1024 * 1024 // len(fill))
            for _ in range(size // len(chunk)):
                handle.write(chunk)
            handle.write(tail)


@maker
def model_zip_bomb_metadata(ws: Path, packages: Path) -> None:
    head = json.dumps(METADATA)[:-1].encode() + b', "notes": "'
    _streamed(_model(ws), _members(), f"{TOP}/metadata.json", head, b" ", 1024**3, b'"}')


@maker
def model_huge_zero_model_bin(ws: Path, packages: Path) -> None:
    _streamed(_model(ws), _members(), f"{TOP}/model/model.bin", b"", b"\x00", 256 * 1024**2, b"")


@maker
def model_directory(ws: Path, packages: Path) -> None:
    _imports(ws, "folder.argosmodel").mkdir()


@maker
def model_fifo(ws: Path, packages: Path) -> None:
    _fifo(_imports(ws, "pipe.argosmodel"))


def _install_by_hand(packages: Path, **replace: bytes | None) -> Path:
    with zipfile.ZipFile(io.BytesIO(valid_archive())) as archive:
        archive.extractall(packages)
    folder = packages / TOP
    for short, data in replace.items():
        target = folder / short.replace("__", "/").replace("_dot_", ".")
        target.write_bytes(data) if data is not None else target.unlink()
    return folder


@maker
def installed_garbage_model(ws: Path, packages: Path) -> None:
    _install_by_hand(packages, model__model_dot_bin=random.Random(12).randbytes(64 * 1024))


@maker
def installed_bad_metadata(ws: Path, packages: Path) -> None:
    _install_by_hand(packages, metadata_dot_json=b'{"from_code": "en", "to_code": ')

"""Bad .argosmodel archives and broken installed packages: one line naming the file, nothing changed.

Every archive here is a real zip built from a real small package (SentencePiece +
CTranslate2, made by translate.mt.builder), damaged the way downloads and tools
damage them.
"""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import threading
import zipfile
from pathlib import Path

import pytest

from tests.support import builder
from translate.cli import main
from translate.errors import InputError
from translate.mt import packages
from translate.mt.engine import Engine, Router

CORPUS = [
    "Traders in Hyesan said rice prices doubled.",
    "The border guards took a share of everything.",
    "혜산의 상인들은 쌀값이 두 배로 올랐다고 말했다.",
] * 20
TOP = "translate-en_ko-1_0"


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> bytes:
    return builder.build(tmp_path_factory.mktemp("pkg") / "en_ko.argosmodel", "en", "ko", CORPUS).read_bytes()


def members(valid: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}


def write_zip(path: Path, entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A packages folder holding one package installed earlier, which a failed install must leave alone."""
    packages_folder = tmp_path / "packages"
    earlier = packages_folder / "translate-ko_en-1_0"
    (earlier / "model").mkdir(parents=True)
    (earlier / "metadata.json").write_text('{"from_code": "ko", "to_code": "en"}', encoding="utf-8")
    (earlier / "model" / "model.bin").write_bytes(b"earlier")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages_folder))
    return packages_folder


def listing(root: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
        for p in sorted(root.rglob("*"))
    }


def refused(path: Path, folder: Path, match: str) -> str:
    """Install ``path`` through the CLI: exit 2, one line naming it, packages folder unchanged."""
    before = listing(folder)
    with pytest.raises(InputError, match=match) as caught:
        packages.install(path, folder)
    assert str(path.name) in str(caught.value)
    assert listing(folder) == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "temp folder left behind"
    return str(caught.value)


def test_a_valid_package_installs_and_translates(valid, folder, tmp_path):
    path = tmp_path / "good.argosmodel"
    path.write_bytes(valid)
    package = packages.install(path, folder)
    assert package.path == folder / TOP and (package.from_code, package.to_code) == ("en", "ko")
    assert len(Engine(package).translate(["Rice prices doubled."])) == 1
    again = packages.install(path, folder)  # reinstalling replaces it in one move
    assert again.path == package.path and (folder / "translate-ko_en-1_0").is_dir()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_top_folder_dot_is_refused_and_deletes_nothing(valid, folder, tmp_path):
    renamed = {"./" + name.split("/", 1)[1]: data for name, data in members(valid).items()}
    refused(write_zip(tmp_path / "dot.argosmodel", renamed), folder, "unsafe path")


@pytest.mark.parametrize(
    "name, match",
    [
        (f"{TOP}/../../outside.txt", "unsafe path"),
        ("/tmp/outside.txt", "unsafe path.*absolute"),
        (f"{TOP}/model\\..\\..\\outside.txt", "backslash"),
        (f"{TOP}//double.txt", "unsafe path"),
        ("other-top/x.txt", "exactly one top-level folder"),
    ],
)
def test_unsafe_member_names_are_refused(valid, folder, tmp_path, name, match):
    refused(write_zip(tmp_path / "names.argosmodel", members(valid) | {name: b"escaped"}), folder, match)


def test_a_symlink_member_is_refused(valid, folder, tmp_path):
    path = tmp_path / "link.argosmodel"
    entries = members(valid)
    del entries[f"{TOP}/sentencepiece.model"]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        info = zipfile.ZipInfo(f"{TOP}/sentencepiece.model")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    refused(path, folder, "symbolic link")


def test_an_encrypted_member_is_refused(valid, folder, tmp_path):
    path = write_zip(tmp_path / "locked.argosmodel", members(valid))
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while central != -1:  # set the "encrypted" bit of every member in the central directory
        data[central + 8] |= 0x1
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    refused(path, folder, "encrypted")


def test_a_member_whose_bytes_do_not_match_its_crc_is_refused(valid, folder, tmp_path):
    path = write_zip(tmp_path / "crc.argosmodel", members(valid), zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    spm = data.find(b"PK\x03\x04", data.find(f"{TOP}/sentencepiece.model".encode()) - 30)
    data[spm + 30 + len(f"{TOP}/sentencepiece.model") + 1000] ^= 0xFF  # stored: one byte flips, CRC fails
    path.write_bytes(bytes(data))
    message = refused(path, folder, "sentencepiece.model is corrupt")
    assert "CRC" in message


def test_a_metadata_json_over_the_limit_is_refused_by_its_declared_size(valid, folder, tmp_path):
    notes = json.dumps({"from_code": "en", "to_code": "ko", "notes": " " * (2 * 1024 * 1024)}).encode()
    entries = members(valid) | {f"{TOP}/metadata.json": notes}
    refused(write_zip(tmp_path / "bomb.argosmodel", entries), folder, "over the 1 MiB limit")


@pytest.mark.parametrize(
    "metadata, match",
    [
        ({"from_code": 5, "to_code": ["ko"]}, "from_code must be a string"),
        ({"from_code": "en", "to_code": "kr"}, "country code: did you mean 'ko'"),
        ({"from_code": "en"}, "lacks to_code"),
        ({"from_code": "en", "to_code": "ko", "type": "sbd"}, "not a translation package"),
        ([1, 2], "not a JSON object"),
    ],
)
def test_bad_metadata_is_refused(valid, folder, tmp_path, metadata, match):
    entries = members(valid) | {f"{TOP}/metadata.json": json.dumps(metadata).encode()}
    refused(write_zip(tmp_path / "meta.argosmodel", entries), folder, match)


@pytest.mark.parametrize(
    "model_bin, match",
    [
        (os.urandom(64 * 1024), "not a CTranslate2 model: unknown binary version"),
        (bytes(4 * 1024 * 1024), "unknown binary version 0"),
        (struct.pack("<IH", 6, 5) + b"Spec\x00" + struct.pack("<II", 1, 3), "truncated"),
    ],
)
def test_a_model_bin_that_ctranslate2_would_not_load_is_refused(valid, folder, tmp_path, model_bin, match):
    entries = members(valid) | {f"{TOP}/model/model.bin": model_bin}
    refused(write_zip(tmp_path / "bin.argosmodel", entries), folder, match)


def test_a_truncated_real_model_bin_is_refused_after_unpacking(valid, folder, tmp_path):
    real = members(valid)[f"{TOP}/model/model.bin"]
    entries = members(valid) | {f"{TOP}/model/model.bin": real[: len(real) - 100]}
    refused(write_zip(tmp_path / "cut.argosmodel", entries), folder, "model.bin.*truncated")


def test_a_fifo_is_refused_without_blocking(folder, tmp_path):
    fifo = tmp_path / "pipe.argosmodel"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            packages.install(fifo, folder)
        except InputError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt)
    worker.daemon = True
    worker.start()
    worker.join(5)
    if worker.is_alive():  # unblock the thread by writing to the FIFO, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("install blocked on a FIFO")
    assert outcome and "named pipe (FIFO)" in str(outcome[0])


def test_the_cli_gives_one_line_and_exit_2(valid, folder, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_zip(tmp_path / "bad.argosmodel", members(valid) | {f"{TOP}/model/model.bin": b"\x00" * 1024})
    capsys.readouterr()
    assert main(["models", "install", "bad.argosmodel"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("translate: error: bad.argosmodel: ") and err.count("\n") == 1
    assert "Traceback" not in err and ".installing-" not in err


def _install_by_hand(valid: bytes, folder: Path, **replace: bytes) -> Path:
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        archive.extractall(folder)
    for relative, data in replace.items():
        (folder / TOP / relative).write_bytes(data)
    return folder / TOP


def test_an_installed_garbage_model_bin_is_one_line_naming_it(valid, folder):
    _install_by_hand(valid, folder, **{"model/model.bin": os.urandom(64 * 1024)})
    router = Router()
    with pytest.raises(InputError, match=r"translate-en_ko-1_0/model/model\.bin: not a CTranslate2 model"):
        router.translate(["Rice."], "en", "ko")


def test_installed_bad_metadata_names_its_file(valid, folder, capsys):
    _install_by_hand(valid, folder, **{"metadata.json": b'{"from_code": "en", "to_code": '})
    found, broken = packages.scan(folder)
    assert [p.name for p in found] == ["translate-ko_en-1_0"]
    assert len(broken) == 1 and "translate-en_ko-1_0/metadata.json" in str(broken[0])
    with pytest.raises(InputError, match=r"translate-en_ko-1_0/metadata\.json: .*bad metadata\.json"):
        Router().chain("en", "ko")
    assert Router().chain("ko", "en")[0].from_code == "ko"  # the good package still works


def test_install_list_and_route(argos_dir, models, run, ws):
    for path in models.values():
        code, out, _ = run("models", "install", str(path))
        assert code == 0 and "installed" in out
    found = packages.installed()
    assert sorted(p.pair for p in found) == ["en→ja", "en→ko", "ko→en"]
    code, out, _ = run("models", "list", "--json")
    listing = json.loads(out)
    pairs = {(p["from"], p["to"]): p for p in listing["pairs"]}
    assert pairs[("ko", "ja")] == {
        "from": "ko",
        "to": "ja",
        "via": ["en"],
        "available": True,
        "models": ["test ko-en (64d, 2+2 layers, random) 1.0", "test en-ja (64d, 2+2 layers, random) 1.0"],
    }
    assert pairs[("en", "ko")]["via"] == [] and not pairs[("ja", "en")]["available"]
    code, out, _ = run("models", "list")
    assert "ko→ja: via en" in out and "ja→en: missing" in out


@pytest.mark.parametrize(
    "contents, message",
    [
        ({"a/metadata.json": "{}", "b/x": ""}, "exactly one top-level folder"),
        ({"p/metadata.json": '{"from_code": "en", "to_code": "ko"}'}, "model/model.bin missing"),
        (
            {"p/metadata.json": "{oops", "p/model/model.bin": "", "p/sentencepiece.model": ""},
            "bad metadata.json",
        ),
        ({"../evil/metadata.json": ""}, "unsafe path|exactly one"),
    ],
)
def test_malformed_packages_are_refused_before_anything_is_unpacked(argos_dir, tmp_path, contents, message):
    path = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in contents.items():
            archive.writestr(name, text)
    with pytest.raises(InputError, match=message):
        packages.install(path)
    assert not argos_dir.exists() or not any(argos_dir.iterdir())


def test_not_a_zip(argos_dir, tmp_path, run, ws):
    path = tmp_path / "x.argosmodel"
    path.write_text("hello")
    code, _, err = run("models", "install", str(path))
    assert code == 2 and "not an .argosmodel" in err

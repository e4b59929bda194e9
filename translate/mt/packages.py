"""Installed Argos Translate packages: finding, validating, installing, routing.

The layout is Argos Translate's: ``$ARGOS_PACKAGES_DIR`` (default
``$XDG_DATA_HOME/argos-translate/packages``) holds one folder per package with
``metadata.json``, ``model/`` (CTranslate2) and ``sentencepiece.model``. An
``.argosmodel`` file is a zip with exactly one top-level folder; it is checked
before anything is extracted, since a malformed package breaks every later
listing in argostranslate itself.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import re
import shutil
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from translate import files, languages
from translate.errors import InputError

PIVOT = "en"


@dataclass(frozen=True)
class Package:
    path: Path
    from_code: str
    to_code: str
    name: str
    version: str
    target_prefix: str = ""
    #: The engine: "argos" (this folder's layout) or a converted model named in translate.toml (translate/mt/models.py).
    kind: str = "argos"
    licence: str = ""  # as metadata.json or translate.toml says; "" when nobody said
    source_prefix: str = ""  # the token the source starts with (NLLB-200's "kor_Hang", M2M-100's "__ko__")

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def signature(self) -> str:
        """What provenance records: package name and version."""
        return f"{self.name} {self.version}".strip()


def packages_dir() -> Path:
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    data = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return data / "argos-translate" / "packages"


def check_metadata(data: object, where: str | Path, label: str = "metadata.json") -> dict:
    """The package's metadata.json content, checked: an InputError naming ``where`` otherwise."""
    if not isinstance(data, dict):
        raise InputError(f"not an Argos package: {label} is not a JSON object", where)
    for key in ("from_code", "to_code"):
        if key not in data or data[key] in ("", None):
            raise InputError(f"not an Argos package: {label} lacks {key}", where)
    for key in ("from_code", "to_code", "type", "package_name", "name", "package_version", "target_prefix"):
        if key in data and not isinstance(data[key], str):
            kind = type(data[key]).__name__
            raise InputError(f"not an Argos package: {label}: {key} must be a string, not {kind}", where)
    for key in ("from_code", "to_code"):
        code = data[key]
        mistake = languages.COMMON_MISTAKES.get(code.strip().lower().replace("-", "_"))
        if mistake:
            raise InputError(
                f"{label}: {key} {code!r} is a country code: did you mean {mistake!r}?"
                " (language codes are ISO 639, not country codes)",
                where,
            )
        if not _LANGUAGE.fullmatch(code):
            raise InputError(f"{label}: {key} {code!r} is not a language code", where)
    if data.get("type", "translate") != "translate":
        raise InputError(f"not a translation package (type {data.get('type')!r})", where)
    return data


def _parse_metadata(raw: bytes, where: str | Path, label: str) -> dict:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"not an Argos package: {label} is not UTF-8", where) from None
    except (json.JSONDecodeError, RecursionError) as exc:
        problem = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        line = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise InputError(f"not an Argos package: bad {label} ({problem}{line})", where) from None
    return check_metadata(data, where, label)


def read_package(folder: Path) -> Package:
    """An installed package, its metadata.json checked; InputError naming the file at fault."""
    path = folder / "metadata.json"
    raw = files.read_bytes(path, "package metadata", files.METADATA_LIMIT, InputError)
    data = _parse_metadata(raw, path, "metadata.json")
    return Package(
        path=folder,
        from_code=data["from_code"],
        to_code=data["to_code"],
        name=data.get("package_name") or data.get("name") or folder.name,
        version=data.get("package_version", ""),
        target_prefix=data.get("target_prefix", ""),
        licence=_licence(data),
    )


def _licence(data: dict) -> str:
    """The licence metadata.json names, if it does (Argos's own index has none; some packagers add one)."""
    value = data.get("license", data.get("licence", ""))
    return value.strip() if isinstance(value, str) else ""


def scan(folder: Path | None = None) -> tuple[list[Package], list[InputError]]:
    """Installed packages, and an error for each package folder that cannot be used."""
    folder = folder or packages_dir()
    found: list[Package] = []
    broken: list[InputError] = []
    try:
        children = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError as exc:
        raise InputError(f"cannot read the packages folder: {files.os_problem(exc)}", folder) from None
    for child in children:
        if child.name.startswith(".") or not (child / "metadata.json").exists() or not (child / "model").is_dir():
            continue  # temp folders of an install in progress, and things that are not packages
        try:
            found.append(read_package(child))
        except InputError as exc:
            broken.append(exc)
    return found, broken


def installed(folder: Path | None = None) -> list[Package]:
    """The usable installed packages; broken ones are left out (see :func:`scan`)."""
    return scan(folder)[0]


def workspace_pairs(codes: Iterable[str], found: list[Package]) -> list[dict]:
    """Every ordered pair of the workspace's languages, and the packages (through English) that serve it."""
    codes = list(codes)
    pairs = []
    for src in codes:
        for tgt in codes:
            if src != tgt:
                hops = route(src, tgt, found)
                pairs.append(
                    {
                        "from": src,
                        "to": tgt,
                        "via": [p.to_code for p in hops[:-1]],
                        "available": bool(hops),
                        "models": [p.signature for p in hops],
                    }
                )
    return pairs


def route(src: str, tgt: str, packages: list[Package]) -> list[Package]:
    """The packages that take ``src`` to ``tgt``: direct, or two hops through English."""
    direct = {(p.from_code, p.to_code): p for p in packages}
    if (src, tgt) in direct:
        return [direct[(src, tgt)]]
    if (src, PIVOT) in direct and (PIVOT, tgt) in direct:
        return [direct[(src, PIVOT)], direct[(PIVOT, tgt)]]
    return []


def missing_pair_message(src: str, tgt: str) -> str:
    need = f"translate-{src}_{tgt}"
    pivot = f" (or translate-{src}_{PIVOT} and translate-{PIVOT}_{tgt})" if PIVOT not in (src, tgt) else ""
    return (
        f"no model for {src}→{tgt}: install {need}{pivot} with `argospm install {need}` "
        f"or `translate models install FILE.argosmodel`"
    )


# --- CTranslate2's model.bin ------------------------------------------------------------

#: Binary versions of model.bin that CTranslate2 reads (ctranslate2/specs/model_spec.py writes 6).
MODEL_BIN_VERSIONS = range(1, 7)
#: Bytes of model.bin read from the archive before unpacking: the header and the first variables.
MODEL_HEAD = 64 * 1024
#: Bytes per item of CTranslate2's DataType ids: float32, int8, int16, int32, float16, bfloat16.
_ITEM_SIZES = (4, 1, 2, 4, 2, 2)
_MAX_RANK = 8


class _Short(Exception):
    """model.bin ended inside a field."""


def model_bin_problem(handle: BinaryIO, complete: bool) -> str | None:
    """Why ``handle`` is not a model.bin as CTranslate2 writes it, or None.

    The layout (ModelSpec._serialize, read by src/models/model.cc): uint32 binary
    version; from version 2 the spec name (uint16 length with the NUL, bytes, NUL)
    and a uint32 revision; uint32 count of variables, each a name, a uint8 rank, rank
    uint32 dimensions, a uint8 type id (version ≥ 4; an item size before), uint32
    byte count and the bytes; from version 3 uint32 count of aliases, each two names.
    With ``complete`` False only a prefix is there: running out of bytes is no problem.
    """

    def take(size: int) -> bytes:
        data = handle.read(size)
        if len(data) < size:
            raise _Short
        return data

    def number(fmt: str) -> int:
        return struct.unpack("<" + fmt, take(struct.calcsize(fmt)))[0]

    def string(what: str) -> str:
        length = number("H")
        raw = take(length)
        if length == 0 or raw[-1:] != b"\x00":
            raise ValueError(f"{what} is not a NUL-terminated string")
        try:
            text = raw[:-1].decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(f"{what} is not UTF-8") from None
        if not text.isprintable():
            raise ValueError(f"{what} holds control characters")
        return text

    try:
        version = number("I")
        if version not in MODEL_BIN_VERSIONS:
            return f"unknown binary version {version} (CTranslate2 writes 1 to {MODEL_BIN_VERSIONS[-1]})"
        if version >= 2:
            name = string("the spec name")
            if not name:
                return "the spec name is empty"
            number("I")  # revision
        for index in range(number("I")):
            name = string(f"the name of variable {index + 1}")
            rank = number("B")
            if rank > _MAX_RANK:
                return f"variable {name!r} has rank {rank}"
            dims = [number("I") for _ in range(rank)]
            if version >= 4:
                type_id = number("B")
                if type_id >= len(_ITEM_SIZES):
                    return f"variable {name!r} has unknown type id {type_id}"
                item = _ITEM_SIZES[type_id]
            else:
                item = number("B")
            size = number("I")
            count = 1
            for dim in dims:
                count *= dim
            if version >= 4 and size != count * item:
                return f"variable {name!r} holds {size} bytes, its shape needs {count * item}"
            if complete:
                here = handle.tell()
                if handle.seek(0, os.SEEK_END) < here + size:
                    raise _Short
                handle.seek(here + size)
            else:
                take(size)
        if version >= 3:
            for index in range(number("I")):
                string(f"alias {index + 1}")
                string(f"the target of alias {index + 1}")
    except _Short:
        return "the file is truncated" if complete else None
    except ValueError as exc:
        return str(exc)
    return None


# --- .argosmodel archives -------------------------------------------------------------

#: Size limits for the members of an archive; each is named in the message that refuses one.
MODEL_BIN_LIMIT = 8 * 1024 * files.MiB
SENTENCEPIECE_LIMIT = 64 * files.MiB
MEMBER_LIMIT = 512 * files.MiB  # any other member (vocabularies, README, stanza models…)
TOTAL_LIMIT = 16 * 1024 * files.MiB
MEMBER_COUNT_LIMIT = 10_000
#: Declared sizes above this much per compressed byte are refused as zip bombs (real models: < 5).
RATIO_LIMIT = 100
RATIO_FLOOR = 16 * files.MiB  # small members may compress well (a JSON file of spaces, a README)
REQUIRED = ("metadata.json", "model/model.bin", "sentencepiece.model")
_LANGUAGE = re.compile(r"[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*")
_CHUNK = files.MiB


def _limit(relative: str) -> int:
    if relative == "metadata.json":
        return files.METADATA_LIMIT
    if relative == "model/model.bin":
        return MODEL_BIN_LIMIT
    if relative == "sentencepiece.model":
        return SENTENCEPIECE_LIMIT
    return MEMBER_LIMIT


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member's name or kind is unsafe, or None."""
    name = info.filename
    shown = repr(name) if not name.isprintable() else name
    if "\\" in name:
        return f"unsafe path in archive: {shown} (backslash)"
    if "\x00" in name or not name.isprintable():
        return f"unsafe path in archive: {shown} (control character)"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return f"unsafe path in archive: {shown} (absolute)"
    parts = name.rstrip("/").split("/") if name.rstrip("/") else []
    if not parts or any(part in ("", ".", "..") for part in parts):
        return f"unsafe path in archive: {shown}"
    if info.flag_bits & 0x1:
        return f"{shown} is encrypted; Argos packages are never encrypted"
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode:
        if stat.S_ISLNK(mode):
            return f"{shown} is a symbolic link; links are not allowed in a package"
        kind = stat.S_IFMT(mode)
        if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            return f"{shown} is not a regular file or folder"
        if kind and stat.S_ISDIR(mode) != info.is_dir():
            return f"{shown} is a folder stored as a file"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        return f"{shown} uses an unsupported compression method ({info.compress_type})"
    return None


def _open_archive(path: Path) -> BinaryIO:
    """The archive opened for reading: a regular file only (a FIFO would block), never a device."""
    what = "model archive"
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {files.os_problem(exc)}", path) from None
    except ValueError:
        raise InputError(f"cannot read {what}: invalid file name", path) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"cannot read {what}: it is {files.kind_of(info.st_mode)}, not a regular file", path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {files.os_problem(exc)}", path) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # swapped between stat and open
        os.close(fd)
        raise InputError(f"cannot read {what}: it is {files.kind_of(info.st_mode)}, not a regular file", path)
    return os.fdopen(fd, "rb")


class _Archive:
    """An .argosmodel zip, its members checked once: names, kinds, flags and sizes."""

    def __init__(self, path: Path):
        self.path = path
        self.handle = _open_archive(path)
        try:
            self.zip = zipfile.ZipFile(self.handle)
        except zipfile.BadZipFile as exc:
            self.handle.close()
            raise InputError(f"not an .argosmodel (zip) file: {_first_line(exc)}", path) from None
        except (OSError, EOFError, ValueError, NotImplementedError) as exc:
            self.handle.close()
            raise InputError(f"not an .argosmodel (zip) file: {_first_line(exc)}", path) from None
        try:
            self.top, self.members = self._check()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self.zip.close()
        self.handle.close()

    def __enter__(self) -> _Archive:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _check(self) -> tuple[str, dict[str, zipfile.ZipInfo]]:
        infos = self.zip.infolist()
        if len(infos) > MEMBER_COUNT_LIMIT:
            raise InputError(f"{len(infos)} members, over the limit of {MEMBER_COUNT_LIMIT} for a package", self.path)
        problems = [p for p in map(_member_problem, infos) if p]
        if problems:
            raise InputError(problems[0], self.path)
        tops = {info.filename.split("/", 1)[0] for info in infos}
        if len(tops) != 1:
            raise InputError(f"an .argosmodel must hold exactly one top-level folder, found {len(tops)}", self.path)
        top = tops.pop()
        if top.startswith("."):
            raise InputError(f"the top-level folder {top!r} of an .argosmodel must not be hidden", self.path)
        members: dict[str, zipfile.ZipInfo] = {}
        folded: set[str] = set()  # names as a case-insensitive file system sees them
        total = 0
        for info in infos:
            relative = info.filename[len(top) + 1 :].rstrip("/")
            if not relative:
                if not info.is_dir():
                    raise InputError(f"the top-level entry {top!r} must be a folder", self.path)
                continue
            if relative.lower() in folded:
                raise InputError(f"{info.filename} is in the archive twice", self.path)
            folded.add(relative.lower())
            limit = _limit(relative)
            if info.file_size > limit:
                raise InputError(
                    f"{info.filename} is {_size(info.file_size)}, over the {files.size_text(limit)}"
                    " limit for that member",
                    self.path,
                )
            if info.file_size > RATIO_FLOOR and info.file_size > RATIO_LIMIT * max(info.compress_size, 1):
                raise InputError(
                    f"{info.filename} expands {info.file_size // max(info.compress_size, 1)} times"
                    f" (over the {RATIO_LIMIT}:1 limit): a zip bomb?",
                    self.path,
                )
            total += info.file_size
            members[relative] = info
        if total > TOTAL_LIMIT:
            raise InputError(f"the package unpacks to more than the {files.size_text(TOTAL_LIMIT)} limit", self.path)
        for required in REQUIRED:
            if required not in members or members[required].is_dir():
                raise InputError(f"not an Argos package: {required} missing", self.path)
        dirs = {relative for relative, info in members.items() if info.is_dir()}
        for relative in members:  # "model" as a file and "model/model.bin" cannot both be unpacked
            parent = relative.rpartition("/")[0]
            while parent:
                if parent in members and parent not in dirs:
                    raise InputError(f"{top}/{parent} is both a file and a folder", self.path)
                parent = parent.rpartition("/")[0]
        return top, members

    def stream(self, relative: str, limit: int | None = None) -> Iterator[bytes]:
        """The member's bytes in chunks, decompressed to at most its limit, CRC checked at the end."""
        info = self.members[relative]
        cap = min(_limit(relative), info.file_size) if limit is None else limit
        total = 0
        try:
            with self.zip.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > cap:
                        raise InputError(
                            f"{info.filename} unpacks to more than {files.size_text(cap)}"
                            f" (the {files.size_text(_limit(relative))} limit for that member)",
                            self.path,
                        )
                    yield chunk
        except zipfile.BadZipFile as exc:
            raise InputError(f"{info.filename} is corrupt: {_first_line(exc)}", self.path) from None
        except (zlib.error, EOFError, lzma.LZMAError, OSError, ValueError) as exc:
            raise InputError(f"{info.filename} is corrupt: {_first_line(exc)}", self.path) from None
        except (RuntimeError, NotImplementedError) as exc:  # encrypted, unsupported method
            raise InputError(f"{info.filename} cannot be unpacked: {_first_line(exc)}", self.path) from None

    def read(self, relative: str) -> bytes:
        return b"".join(self.stream(relative))

    def head(self, relative: str, size: int) -> bytes:
        """The first ``size`` bytes of a member (no CRC check: that comes when it is unpacked)."""
        info = self.members[relative]
        try:
            with self.zip.open(info) as member:
                return member.read(min(size, info.file_size))
        except (zipfile.BadZipFile, zlib.error, EOFError, lzma.LZMAError, OSError, ValueError) as exc:
            raise InputError(f"{info.filename} is corrupt: {_first_line(exc)}", self.path) from None
        except (RuntimeError, NotImplementedError) as exc:
            raise InputError(f"{info.filename} cannot be unpacked: {_first_line(exc)}", self.path) from None

    def metadata(self) -> dict:
        return _parse_metadata(self.read("metadata.json"), self.path, "metadata.json")

    def unpack(self, into: Path) -> None:
        """Every member under ``into``, written with O_EXCL|O_NOFOLLOW (nothing outside it can be touched)."""
        root = into / self.top
        root.mkdir()
        for relative, info in sorted(self.members.items()):
            target = root / relative
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            fd = os.open(target, flags, 0o644)
            with os.fdopen(fd, "wb") as out:
                for chunk in self.stream(relative):
                    out.write(chunk)


def _size(size: int) -> str:
    """A size as people say it, rounded: 1.0 GiB, 3.2 MiB."""
    for unit, scale in (("GiB", 1024**3), ("MiB", files.MiB), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def validate_archive(path: Path) -> str:
    """Check an .argosmodel zip without unpacking it; return its top-level folder name."""
    with _Archive(path) as archive:
        _check_contents(archive)
        return archive.top


def _check_contents(archive: _Archive) -> dict:
    """What can be checked before unpacking: metadata.json and the start of model.bin."""
    data = archive.metadata()
    problem = model_bin_problem(io.BytesIO(archive.head("model/model.bin", MODEL_HEAD)), complete=False)
    if problem:
        raise InputError(f"{archive.top}/model/model.bin is not a CTranslate2 model: {problem}", archive.path)
    return data


def install(path: Path, folder: Path | None = None) -> Package:
    """Check, unpack beside the target, check again, then move into place (no half-installed package).

    Every refusal names ``path`` and leaves the packages folder as it was.
    """
    folder = folder or packages_dir()
    with _Archive(path) as archive:
        data = _check_contents(archive)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".installing-"))
        except OSError as exc:
            raise InputError(f"cannot install into the packages folder: {files.os_problem(exc)}", folder) from None
        try:
            try:
                archive.unpack(tmp)
            except OSError as exc:
                raise InputError(f"cannot unpack: {files.os_problem(exc)}", path) from None
            unpacked = tmp / archive.top
            _check_unpacked(unpacked, archive)
            target = folder / archive.top
            _replace(unpacked, target, tmp, path)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return Package(
        target,
        data["from_code"],
        data["to_code"],
        data.get("package_name") or data.get("name") or archive.top,
        data.get("package_version", ""),
        data.get("target_prefix", ""),
        licence=_licence(data),
    )


def _check_unpacked(unpacked: Path, archive: _Archive) -> None:
    """The whole model.bin walked, the SentencePiece model loaded: a package that will load."""
    model_bin = unpacked / "model" / "model.bin"
    try:
        with open(model_bin, "rb") as handle:
            problem = model_bin_problem(handle, complete=True)
    except OSError as exc:
        raise InputError(f"cannot check {archive.top}/model/model.bin: {files.os_problem(exc)}", archive.path) from None
    if problem:
        raise InputError(f"{archive.top}/model/model.bin is not a CTranslate2 model: {problem}", archive.path)
    try:
        import sentencepiece
    except ImportError:
        return
    try:
        sentencepiece.SentencePieceProcessor(model_file=str(unpacked / "sentencepiece.model"))
    except (RuntimeError, OSError, ValueError) as exc:
        raise InputError(
            f"{archive.top}/sentencepiece.model is not a SentencePiece model ({_first_line(exc)})", archive.path
        ) from None


def _replace(unpacked: Path, target: Path, tmp: Path, archive: Path) -> None:
    """Move the new package in; an old one of the same name is moved aside first and back on failure."""
    old = tmp / "previous"
    try:
        had_old = os.path.lexists(target)
        if had_old:
            os.replace(target, old)
        try:
            os.replace(unpacked, target)
        except OSError:
            if had_old:
                os.replace(old, target)
            raise
    except OSError as exc:
        raise InputError(f"cannot install {target.name}: {files.os_problem(exc)}", archive) from None

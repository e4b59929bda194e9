"""Reading files from outside: one place that turns every file-system surprise into one line.

Articles, glossaries, TBX/CSV/TMX, translate.toml, model metadata and catalogs
all come from people and tools we do not control. A FIFO, a device, a folder,
a symlink loop, an unreadable or huge file must each give an :class:`InputError`
naming the path, never a traceback or a read that blocks forever. So the path
is stat'ed before it is opened, opened non-blocking, checked again with fstat
(the file may have been swapped), and read to a size limit named in the message.
"""

from __future__ import annotations

import errno
import os
import stat
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from xml.parsers import expat

import yaml

from translate.errors import InputError, TranslateError

MiB = 1024 * 1024

#: Size limits per kind of input; each is named in the message that refuses a file.
ARTICLE_LIMIT = 8 * MiB
GLOSSARY_LIMIT = 8 * MiB
TERMBASE_LIMIT = 32 * MiB
TMX_LIMIT = 256 * MiB
CONFIG_LIMIT = 1 * MiB
METADATA_LIMIT = 1 * MiB
CATALOG_LIMIT = 64 * MiB
TEXT_LIMIT = 64 * MiB
PHOTO_LIMIT = 64 * MiB


class UnreadableError(InputError):
    """A file that exists in name but cannot be read as text: wrong type, permissions, encoding, size."""


def size_text(limit: int) -> str:
    """A limit as people say it: 64 MiB, 512 KiB."""
    if limit % MiB == 0:
        return f"{limit // MiB} MiB"
    if limit % 1024 == 0:
        return f"{limit // 1024} KiB"
    return f"{limit} bytes"


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def os_problem(exc: OSError) -> str:
    """An OSError as the few words a user needs (no errno numbers, no temp paths)."""
    code = exc.errno
    if code == errno.ENOENT:
        return "no such file"
    if code == errno.ELOOP:
        return "a symlink loop (too many levels of symbolic links)"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.EISDIR:
        return "it is a directory, not a file"
    if code == errno.ENOTDIR:
        return "a part of the path is not a folder"
    if code == errno.ENAMETOOLONG:
        return "the name is too long"
    if code in (errno.EROFS,):
        return "read-only file system"
    if code == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or str(exc)


def read_bytes(
    path: Path,
    what: str,
    limit: int,
    error: type[TranslateError] = UnreadableError,
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ``error`` naming the path.

    Never opens anything but a regular file for reading, so a FIFO or a device
    cannot block the command or change state by being opened.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise error(f"cannot read {what}: {os_problem(exc)}", path) from None
    except ValueError:  # an embedded NUL in the name
        raise error(f"cannot read {what}: invalid file name", path) from None
    if not stat.S_ISREG(info.st_mode):
        raise error(f"cannot read {what}: it is {kind_of(info.st_mode)}, not a regular file", path)
    _check_size(info.st_size, path, what, limit, error)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise error(f"cannot read {what}: {os_problem(exc)}", path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped between stat and open
            raise error(f"cannot read {what}: it is {kind_of(info.st_mode)}, not a regular file", path)
        _check_size(info.st_size, path, what, limit, error)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(MiB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            _check_size(total, path, what, limit, error)  # a file that grows while we read it
    except OSError as exc:
        raise error(f"cannot read {what}: {os_problem(exc)}", path) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _check_size(size: int, path: Path, what: str, limit: int, error: type[TranslateError]) -> None:
    if size > limit:
        raise error(f"{what} is larger than the {size_text(limit)} limit for {what} files", path)


def decode(data: bytes, path: Path, what: str, error: type[TranslateError] = UnreadableError) -> str:
    """UTF-8 text (a BOM is dropped), or ``error`` with the line of the first bad byte.

    A NUL byte is refused too: no text file holds one, and every tool after us
    (gettext, browsers, C libraries) would cut the text there.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at column {column} is not valid UTF-8;"
            f" save the {what} as UTF-8 (e.g. iconv -f SHIFT_JIS -t UTF-8)",
            path,
            line,
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise error(f"a NUL character at column {column}: this is not a text {what}", path, line)
    return text


def read_text(path: Path, what: str, limit: int, error: type[TranslateError] = UnreadableError) -> str:
    """A UTF-8 text file, checked as :func:`read_bytes` and :func:`decode` do."""
    return decode(read_bytes(path, what, limit, error), path, what, error)


def file_kind(path: Path) -> str | None:
    """'file', 'dir', another kind in words, or None when nothing is there; InputError on loops/permissions."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            return None
        raise UnreadableError(f"cannot look at it: {os_problem(exc)}", path) from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    return kind_of(mode)


def walk(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files under ``folder`` whose suffix is one of ``suffixes``, sorted, without following folder symlinks.

    A symlink loop or an unreadable subfolder is an InputError naming it;
    anything with a matching name that is not a regular file is yielded too,
    so that reading it refuses it loudly instead of skipping it silently.
    """

    def refuse(exc: OSError) -> None:
        raise UnreadableError(f"cannot read folder: {os_problem(exc)}", exc.filename or folder) from None

    found = []
    for top, dirs, names in os.walk(folder, onerror=refuse, followlinks=False):
        dirs.sort()
        for name in names + [d for d in dirs if os.path.islink(os.path.join(top, d))]:
            path = Path(top) / name
            if path.suffix.lower() in suffixes:
                found.append(path)
    return iter(sorted(found))


# --- YAML --------------------------------------------------------------------------


class SafeYAMLLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases: ``*ref`` can expand a small file into billions of nodes.

    Anchors alone are harmless; an alias is refused with its line.
    """

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed; write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


def yaml_problem(exc: BaseException, first_line: int = 1) -> tuple[str, int | None]:
    """A YAML (or value-construction) error as a message and a line in the file."""
    if isinstance(exc, RecursionError):
        return "YAML nested too deeply", None
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + first_line if mark is not None else None
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["invalid YAML"])[0]
    return str(problem), line


class TextDateLoader(SafeYAMLLoader):
    """Dates stay text (``2020-13-45`` would otherwise be a ValueError inside PyYAML); callers parse them."""


TextDateLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


# --- XML ---------------------------------------------------------------------------


def parse_xml(data: bytes, path: Path, what: str) -> tuple[ET.Element, dict[int, int]]:
    """An XML document and the line of every element (``lines[id(element)]``), or an InputError with the line.

    Entity declarations are refused: an internal entity can expand a small file
    into gigabytes and an external one reads other files. Namespaced names come
    out as ElementTree writes them (``{uri}local``).
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}

    def name(raw: str) -> str:
        return "{" + raw if "}" in raw else raw

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = builder.start(name(tag), {name(k): v for k, v in attributes.items()})
        lines[id(element)] = parser.CurrentLineNumber

    def no_entities(entity, *_args) -> None:
        raise _Refused(f"entity declarations (<!ENTITY {entity} …>) are not allowed in {what} files")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(name(tag))
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = no_entities
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
        root = builder.close()
    except expat.ExpatError as exc:
        raise InputError(f"invalid {what}: {expat.ErrorString(exc.code)}", path, exc.lineno) from None
    except _Refused as exc:
        raise InputError(str(exc), path, parser.CurrentLineNumber) from None
    except (AssertionError, IndexError):  # TreeBuilder with no root element
        raise InputError(f"invalid {what}: no root element", path) from None
    return root, lines


class _Refused(Exception):
    """Raised from inside an expat handler to stop the parse."""

"""Fuzzing every parser with random and mutated bytes: a parsed result or a TranslateError naming the file.

No parser may crash with a traceback on bad input. For the PO reader, on small mutations of a valid
catalog, we also require agreement with ``msgfmt -c``, except for the three documented divergences
(po.py / README): a NUL in a string, escapes that decode to invalid UTF-8, and a file that is not valid
UTF-8 while declaring UTF-8, all of which we refuse and gettext accepts; and (po.py's docstring) a
non-ASCII file in a charset Python does not know.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate import glossary, memory
from translate.catalog import pofile, store, workspace
from translate.errors import TranslateError
from translate.glossary import exchange
from translate.mt import packages
from translate.source import article

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

VALID_PO = b"""# Translator comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ko\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#. paragraph 1
#: articles/a.md:3
#, python-format
msgctxt "8d9476db"
msgid "Trade fell %d percent.\\n"
msgstr "\\xeb\\xac\\xb4\\xec\\x97\\xad %d\\t\\"ok\\"\\n"

#| msgid "Old"
msgid "one file"
msgid_plural "%d files"
msgstr[0] "\xed\x8c\x8c\xec\x9d\xbc"

#~ msgid "gone"
#~ msgstr "x"
"""

VALID_ARTICLE = b"""---
title: A Hyesan trader
date: 2020-06-17
author: PARK Min-su
lang: en
slug: hyesan
---

Lead paragraph. Links stay [links](https://example.org/).

![Caption.](photo.jpg)

\xe2\x97\x86 A heading

-- A question?

A: An answer.
"""

VALID_GLOSSARY = """- id: kcna
  type: media
  en: {preferred: KCNA, admitted: [Korean Central News Agency]}
  ko: 조선중앙통신
  ja: 朝鮮中央通信
""".encode()

VALID_TBX = b"""<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="kcna"><descrip type="subjectField">media</descrip>
<langSet xml:lang="en"><tig><term>KCNA</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
<langSet xml:lang="ko"><tig>
<term>\xec\xa1\xb0\xec\x84\xa0\xec\xa4\x91\xec\x95\x99\xed\x86\xb5\xec\x8b\xa0</term></tig></langSet>
</termEntry></body></text></martif>
"""

VALID_TMX = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body><tu><tuv xml:lang="en"><seg>Hello</seg></tuv>
<tuv xml:lang="ko"><seg>\xec\x95\x88\xeb\x85\x95</seg></tuv></tu></body></tmx>
"""

VALID_TOML = b"""[workspace]
languages = ["en", "ko", "ja"]
articles = "articles"
locales = "locales"
editions = "build/editions"
"""

VALID_METADATA = json.dumps(
    {
        "package_name": "translate-en_ko",
        "from_code": "en",
        "to_code": "ko",
        "package_version": "1.9",
        "type": "translate",
    }
).encode()


@st.composite
def mutated(draw, valid: bytes, most: int = 4) -> bytes:
    """``valid`` with a few byte deletions, insertions or flips."""
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, most))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["delete", "insert", "flip", "replace"]))
        if action == "delete" and data:
            del data[where : where + draw(st.integers(1, 3))]
        elif action == "insert":
            piece = draw(st.sampled_from([b'"', b"\\", b"\n", b"#", b"#~ ", b"\x00", b"\xff", b"msgstr ", b"[", b":"]))
            data[where:where] = draw(st.one_of(st.just(piece), st.binary(min_size=1, max_size=3)))
        elif action == "flip" and data:
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif data:
            data[where] = draw(st.integers(0, 255))
    return bytes(data)


def inputs(valid: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(mutated(valid), st.binary(max_size=200), st.text(max_size=100).map(str.encode))


def refused_naming(exc: TranslateError, path: Path) -> None:
    shown = str(exc)
    assert exc.path is not None, f"error does not name the file: {shown}"
    assert path.name in shown, f"error does not name {path.name}: {shown}"
    assert "Traceback" not in shown


def reads_or_refuses(path: Path, data: bytes, read: Callable[[Path], object]) -> None:
    """Write ``data`` to ``path`` and read it: a result, or a TranslateError that names the file."""
    path.write_bytes(data)
    try:
        read(path)
    except TranslateError as exc:
        refused_naming(exc, path)


def fresh(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "case"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    return folder / name


# --- PO -------------------------------------------------------------------------------


def test_the_valid_samples_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "ok.po"
    path.write_bytes(VALID_PO)
    store.read(path)
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


@FUZZ
@given(data=inputs(VALID_PO))
def test_po_reader_never_crashes(tmp_path: Path, data: bytes) -> None:
    path = fresh(tmp_path, "ko.po")
    path.write_bytes(data)
    try:
        read = store.read(path)
    except TranslateError as exc:
        refused_naming(exc, path)
        return
    pofile.dumps(read.po)  # whatever is read can be written back


DIVERGENCES = (
    "NUL character within string",  # gettext cuts the string at the NUL
    "octal or hex escapes that are not valid UTF-8",  # gettext copies the bytes into the .mo
    "not valid UTF-8",  # a file declaring UTF-8 that is not (msgfmt only warns)
    "non-ASCII bytes we cannot read",  # an unknown charset on a non-ASCII file (msgfmt only warns)
)


def _declares_utf8(data: bytes) -> bool:
    match = pofile._CHARSET.search(data)
    return match is None or match.group(1).upper() in (b"UTF-8", b"UTF8", b"CHARSET")


@settings(FUZZ, max_examples=300)
@given(data=mutated(VALID_PO))
def test_po_reader_accepts_exactly_what_msgfmt_c_accepts(tmp_path: Path, data: bytes) -> None:
    path = fresh(tmp_path, "ko.po")
    path.write_bytes(data)
    judge = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    try:
        store.read(path)
        ours = None
    except TranslateError as exc:
        refused_naming(exc, path)
        ours = str(exc)
    gettext_ok = judge.returncode == 0
    if ours is not None and gettext_ok:
        if any(d in ours for d in DIVERGENCES[:2] + DIVERGENCES[3:]):
            return
        if DIVERGENCES[2] in ours and _declares_utf8(data):
            return
    assert (ours is None) == gettext_ok, f"ours: {ours}\nmsgfmt -c: {judge.stderr.decode(errors='replace')}"


@pytest.mark.parametrize(
    ("charset", "body", "refusal"),
    [
        (b"TF-8", b"b", None),  # msgfmt -c only warns about a charset it does not know
        (b"TF-8", b"\xed\x8c\x8c", "unknown charset"),  # ... but we cannot read non-ASCII bytes in it
        (b"\x00TF-8", b"b", "NUL character"),  # codecs.lookup raised ValueError (a traceback) on the NUL
        (b"UTF\x808", b"\xed\x8c\x8c", "unknown charset"),  # codecs.lookup read this name as UTF-8
    ],
)
def test_charsets_found_by_fuzzing(tmp_path: Path, charset: bytes, body: bytes, refusal: str | None) -> None:
    path = tmp_path / "ko.po"
    header = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=' + charset + b'\\n"\n\n'
    path.write_bytes(header + b'msgid "a"\nmsgstr "' + body + b'"\n')
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0
    if refusal is None:
        assert store.read(path).po[0].msgstr == body.decode()
    else:
        with pytest.raises(TranslateError, match=refusal):
            store.read(path)


# --- articles, glossary, termbase, TMX, config, packages -------------------------------------


@FUZZ
@given(data=inputs(VALID_ARTICLE), suffix=st.sampled_from([".md", ".txt"]))
def test_article_reader_never_crashes(tmp_path: Path, data: bytes, suffix: str) -> None:
    reads_or_refuses(fresh(tmp_path, "story" + suffix), data, article.read)


@FUZZ
@given(data=inputs(VALID_GLOSSARY))
def test_glossary_reader_never_crashes(tmp_path: Path, data: bytes) -> None:
    reads_or_refuses(fresh(tmp_path, "media.yaml"), data, lambda path: glossary.load(path.parent))


@FUZZ
@given(data=inputs(VALID_TBX))
def test_tbx_import_never_crashes(tmp_path: Path, data: bytes) -> None:
    reads_or_refuses(fresh(tmp_path, "their.tbx"), data, exchange.read)


CSV_SAMPLE = "id,type,lang,status,text\nkcna,media,en,preferred,KCNA\nkcna,media,ko,preferred,조선중앙통신\n".encode()


@FUZZ
@given(data=inputs(CSV_SAMPLE), suffix=st.sampled_from([".csv", ".tsv"]))
def test_csv_import_never_crashes(tmp_path: Path, data: bytes, suffix: str) -> None:
    reads_or_refuses(fresh(tmp_path, "their" + suffix), data, exchange.read)


@FUZZ
@given(data=inputs(VALID_TMX))
def test_tmx_reader_never_crashes(tmp_path: Path, data: bytes) -> None:
    reads_or_refuses(fresh(tmp_path, "agency.tmx"), data, lambda path: memory.from_tmx(path, "en", "ko"))


@FUZZ
@given(data=inputs(VALID_TOML))
def test_workspace_config_never_crashes(tmp_path: Path, data: bytes) -> None:
    reads_or_refuses(fresh(tmp_path, "translate.toml"), data, lambda path: workspace.Workspace.load(path.parent))


@FUZZ
@given(data=inputs(VALID_METADATA))
def test_installed_package_metadata_never_crashes(tmp_path: Path, data: bytes) -> None:
    folder = fresh(tmp_path, "translate-en_ko")
    (folder / "model").mkdir(parents=True)
    reads_or_refuses(folder / "metadata.json", data, lambda path: packages.read_package(path.parent))


def _archive(metadata: bytes, model: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("translate-en_ko/metadata.json", metadata)
        z.writestr("translate-en_ko/model/model.bin", model)
        z.writestr("translate-en_ko/sentencepiece.model", b"x")
    return out.getvalue()


VALID_ZIP = _archive(VALID_METADATA, b"\x00" * 64)


@FUZZ
@given(
    data=st.one_of(
        mutated(VALID_ZIP, most=3),
        st.binary(max_size=300),
        st.builds(_archive, inputs(VALID_METADATA), st.binary(max_size=80)),
    )
)
def test_package_archive_never_crashes(tmp_path: Path, data: bytes) -> None:
    path = fresh(tmp_path, "translate-en_ko.argosmodel")
    path.write_bytes(data)
    target = path.parent / "packages"
    try:
        packages.install(path, target)
    except TranslateError as exc:
        refused_naming(exc, path)
        assert not target.exists() or not [p for p in target.iterdir() if not p.name.startswith(".")]

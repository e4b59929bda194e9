"""translate/catalog/store.py: a catalog is read with the fingerprint of its bytes and never written over a change."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from translate.catalog import store
from translate.catalog.pofile import POEntry
from translate.errors import CatalogError, ConflictError

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ko\\n"

msgctxt "a1"
msgid "He left in 2019."
msgstr "그는 2019년에 떠났다."

msgctxt "a2"
msgid "He now lives in Incheon."
msgstr ""

#~ msgctxt "a0"
#~ msgid "Gone."
#~ msgstr "사라짐."
"""


@pytest.fixture
def po_path(tmp_path: Path) -> Path:
    path = tmp_path / "guard.po"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def test_read_keeps_the_fingerprint_and_text_of_the_bytes_read(po_path: Path) -> None:
    catalog = store.read(po_path)
    assert catalog.fingerprint == hashlib.sha256(po_path.read_bytes()).hexdigest()
    assert catalog.text == CATALOG
    assert catalog.language == "ko"
    assert [e.msgctxt for e in catalog.entries] == ["a1", "a2"]  # the obsolete entry is not a unit
    assert catalog.by_id()["a1"].msgstr == "그는 2019년에 떠났다."


def test_a_syntax_error_is_a_catalog_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text(CATALOG.replace('msgstr ""\n\n#~', 'msgstr "unclosed\n\n#~'), encoding="utf-8")
    with pytest.raises(CatalogError, match="invalid PO file") as info:
        store.read(path)
    assert info.value.line == 12


def test_a_missing_catalog_is_new_and_must_still_not_exist_when_written(tmp_path: Path) -> None:
    path = tmp_path / "new.po"
    catalog = store.read_or_new(path)
    assert catalog.fingerprint is None and list(catalog.po) == []
    path.write_text(CATALOG, encoding="utf-8")  # someone else created it meanwhile
    with pytest.raises(ConflictError):
        store.write(catalog, catalog.po)
    assert path.read_text(encoding="utf-8") == CATALOG


def test_write_refuses_a_file_changed_since_it_was_read_and_keeps_the_change(po_path: Path) -> None:
    catalog = store.read(po_path)
    saved = CATALOG.replace('msgstr ""\n\n#~', 'msgstr "그는 지금 인천에 산다."\n\n#~')
    po_path.write_text(saved, encoding="utf-8")
    catalog.po.append(POEntry(msgctxt="a3", msgid="New.", msgstr=""))
    with pytest.raises(ConflictError):
        store.write(catalog, catalog.po)
    assert po_path.read_text(encoding="utf-8") == saved


def test_write_of_the_same_bytes_changes_nothing_and_new_bytes_take_a_new_fingerprint(po_path: Path) -> None:
    catalog = store.read(po_path)
    assert store.dumps(catalog.po) == po_path.read_bytes()  # unwrapped, as msgcat --no-wrap writes it
    assert store.write(catalog, catalog.po) is False
    catalog.by_id()["a2"].msgstr = "그는 지금 인천에 산다."
    assert store.write(catalog, catalog.po) is True
    assert 'msgstr "그는 지금 인천에 산다."' in po_path.read_text(encoding="utf-8")
    assert catalog.fingerprint == hashlib.sha256(po_path.read_bytes()).hexdigest()
    catalog.by_id()["a1"].msgstr = "고침"
    assert store.write(catalog, catalog.po) is True  # the fingerprint it took lets the next write through

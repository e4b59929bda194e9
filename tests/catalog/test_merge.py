"""Merging a template into a translator's catalog: nothing they wrote is lost, and msgfmt -c accepts the result."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib

from translate.catalog import merge, store

HEADER = (
    '# Korean translation of hyesan-trader.\nmsgid ""\nmsgstr ""\n"Project-Id-Version: hyesan-trader\\n"\n'
    '"Language: ko\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
)


def template(*units: tuple[str, str]) -> polib.POFile:
    pot = polib.POFile(wrapwidth=0)
    pot.header = "Translation template of hyesan-trader.\nSource: articles/hyesan-trader.md"
    pot.metadata = {
        "Project-Id-Version": "hyesan-trader",
        "POT-Creation-Date": "2026-12-01 01:38+0000",
        "X-Source-Language": "en",
        "X-Source-File": "articles/hyesan-trader.md",
    }
    for context, text in units:
        pot.append(polib.POEntry(msgctxt=context, msgid=text, msgstr=""))
    return pot


def merged(tmp_path: Path, body: str, pot: polib.POFile) -> tuple[polib.POFile, Path]:
    path = tmp_path / "ko.po"
    path.write_text(HEADER + body, encoding="utf-8")
    result, _stats = merge.merge(store.read(path), pot, "ko")
    out = tmp_path / "merged.po"
    out.write_bytes(store.dumps(result))
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)], check=True, capture_output=True)
    return store.read(out).po, out


def test_a_translated_plural_entry_that_left_the_template_is_kept_obsolete(tmp_path: Path) -> None:
    body = '\nmsgctxt "3df27d12"\nmsgid "one trader"\nmsgid_plural "{n} traders"\nmsgstr[0] "상인 {n}명"\n'
    po, _ = merged(tmp_path, body, template(("62cd6590", "A former trader from Hyesan.")))
    (kept,) = [e for e in po if e.obsolete]
    assert kept.msgid_plural == "{n} traders"
    assert kept.msgstr_plural == {0: "상인 {n}명"}


def test_entries_sharing_a_context_keep_their_own_translations(tmp_path: Path) -> None:
    body = (
        '\nmsgctxt "3df27d12"\nmsgid "She left in 2019."\nmsgstr "그는 2019년에 떠났다."\n'
        '\nmsgctxt "3df27d12"\nmsgid "She lives in Seoul."\nmsgstr "그는 서울에 산다."\n'
    )
    po, _ = merged(tmp_path, body, template(("3df27d12", "She lives in Seoul.")))
    live = {e.msgid: e for e in po if not e.obsolete}
    assert live["She lives in Seoul."].msgstr == "그는 서울에 산다."
    assert not live["She lives in Seoul."].fuzzy
    assert [(e.msgid, e.msgstr) for e in po if e.obsolete] == [("She left in 2019.", "그는 2019년에 떠났다.")]


def test_an_obsolete_entry_whose_text_returns_is_revived_without_a_duplicate(tmp_path: Path) -> None:
    body = (
        '\nmsgctxt "3df27d12"\nmsgid "She lives in Seoul now."\nmsgstr "그는 지금 서울에 산다."\n'
        '\n#~ msgctxt "3df27d12"\n#~ msgid "She lives in Seoul."\n#~ msgstr "그는 서울에 산다."\n'
    )
    po, _ = merged(tmp_path, body, template(("3df27d12", "She lives in Seoul.")))
    live = [e for e in po if not e.obsolete]
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in live] == [("She lives in Seoul.", "그는 서울에 산다.", False)]
    assert [e.msgstr for e in po if e.obsolete] == ["그는 지금 서울에 산다."]


def test_a_plural_entry_meeting_a_singular_unit_keeps_every_form(tmp_path: Path) -> None:
    body = '\nmsgctxt "3df27d12"\nmsgid "trader"\nmsgid_plural "traders"\nmsgstr[0] "상인"\n'
    po, _ = merged(tmp_path, body, template(("3df27d12", "trader")))
    (entry,) = [e for e in po if not e.obsolete]
    assert entry.msgstr == "상인"
    assert entry.fuzzy
    assert entry.previous_msgid_plural == "traders"


def test_the_translators_own_header_lines_survive_a_merge(tmp_path: Path) -> None:
    odd = HEADER + '"X-Poedit-Basepath: ..\\n"\n"Translator note without a colon\\n"\n'
    path = tmp_path / "ko.po"
    path.write_text(odd, encoding="utf-8")
    result, _ = merge.merge(store.read(path), template(("62cd6590", "A trader.")), "ko")
    text = store.dumps(result).decode("utf-8")
    assert '"X-Poedit-Basepath: ..\\n"\n"Translator note without a colon\\n"\n' in text

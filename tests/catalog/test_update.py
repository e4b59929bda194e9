"""Revisions of the source lose nothing: the msgmerge --previous contract, checked against msgmerge itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from tests.conftest import INTERVIEW, ROOT, assert_clean_po, gettext, write_article
from translate.catalog import store
from translate.errors import CatalogError, ConflictError

KO = "locales/ko/guard.po"


def translate_all(root: Path, lang: str = "ko", slug: str = "guard") -> dict[str, str]:
    """Play the translator: fill every untranslated entry, add a comment and a flag to one."""
    path = root / "locales" / lang / f"{slug}.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if not entry.obsolete and not entry.msgstr:
            entry.msgstr = f"[{lang}] {entry.msgid}"
    first = po[0]
    first.tcomment = "checked with the desk"
    first.flags.append("no-wrap")
    po.save(str(path))
    return {e.msgctxt: e.msgstr for e in po if not e.obsolete}


def entries(root: Path, rel: str = KO) -> list[polib.POEntry]:
    return list(polib.pofile(str(root / rel), wrapwidth=0))


def test_first_update_writes_template_and_catalogs(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    code, _out, err = run("update")
    assert code == 0, err
    for rel in ("locales/templates/guard.pot", "locales/ko/guard.po", "locales/ja/guard.po"):
        assert_clean_po(ws / rel)
    assert not (ws / "locales/en/guard.po").exists()  # English is the source
    po = polib.pofile(str(ws / KO))
    assert po.metadata["Language"] == "ko"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["X-Generator"].startswith("newsdesk-translate ")
    assert po.metadata["Project-Id-Version"] == "guard"
    entry = po[2]
    assert entry.msgctxt and entry.occurrences == [("articles/guard.md", "7")]
    assert entry.comment.startswith("paragraph 3, sentence 1")
    keys = [(e.msgctxt, e.msgid) for e in po]
    assert len(keys) == len(set(keys)) and len({e.msgctxt for e in po}) == len(po)


def test_second_update_without_changes_writes_nothing(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    translate_all(ws)
    before = {p: p.read_bytes() for p in (ws / "locales").rglob("*.po*")}
    code, out, _ = run("update")
    assert code == 0 and "nothing (up to date)" in out
    assert {p: p.read_bytes() for p in (ws / "locales").rglob("*.po*")} == before


def test_revision_keeps_fuzzy_obsoletes_and_restores(ws, run):
    path = write_article(ws, "guard.md", INTERVIEW)
    run("update")
    done = translate_all(ws)
    old = {e.msgid: e for e in entries(ws)}

    revised = (
        INTERVIEW.replace("He left in 2019.", "He left in the spring of 2019.")
        .replace(" He now lives in Incheon.", "")
        .replace("Six years.", "Six long years.")
    )
    path.write_text(revised, encoding="utf-8")
    code, out, err = run("update")
    assert code == 0, err
    assert "ko: 9 kept, 2 fuzzy, 0 new, 1 obsolete, 0 restored" in out
    assert_clean_po(ws / KO)
    new = entries(ws)
    active = {e.msgid: e for e in new if not e.obsolete}

    unchanged = active["A former border guard from Ryanggang Province says smuggling never stopped."]
    assert unchanged.msgstr == done[unchanged.msgctxt] and not unchanged.fuzzy

    edited = active["He left in the spring of 2019."]
    assert edited.fuzzy and edited.previous_msgid == "He left in 2019."
    assert edited.msgstr == old["He left in 2019."].msgstr
    assert edited.msgctxt == old["He left in 2019."].msgctxt  # identity survives the edit

    gone = [e for e in new if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in gone] == [("He now lives in Incheon.", "[ko] He now lives in Incheon.")]

    title = new[0]
    assert title.tcomment == "checked with the desk" and "no-wrap" in title.flags

    # The sentence comes back: its translation returns, not fuzzy.
    path.write_text(INTERVIEW, encoding="utf-8")
    code, out, _ = run("update")
    assert "1 restored" in out
    back = {e.msgid: e for e in entries(ws) if not e.obsolete}["He now lives in Incheon."]
    assert back.msgstr == "[ko] He now lives in Incheon." and not back.fuzzy
    assert not [e for e in entries(ws) if e.obsolete]
    # Fuzzy entries keep the translation that matched the older text until a translator confirms it.
    still = {e.msgid: e for e in entries(ws) if not e.obsolete}["He left in 2019."]
    assert still.msgstr == "[ko] He left in 2019."


def test_moved_paragraph_keeps_its_translations_exactly(ws, run):
    path = write_article(ws, "guard.md", INTERVIEW)
    run("update")
    done = translate_all(ws)
    lead = INTERVIEW.split("\n\n")[1] + "\n\n"
    assert lead.startswith("A former border guard")
    moved = INTERVIEW.replace(lead, "") + "\n" + lead
    path.write_text(moved, encoding="utf-8")
    _code, out, _ = run("update")
    assert "ko: 12 kept, 0 fuzzy, 0 new, 0 obsolete" in out
    for entry in entries(ws):
        assert entry.msgstr == done[entry.msgctxt] and not entry.fuzzy
    assert entries(ws)[-1].msgid == "He now lives in Incheon."  # order follows the article


def test_our_merge_agrees_with_msgmerge_previous(ws, run, tmp_path):
    """On the same old PO and new POT, GNU msgmerge --previous keeps and fuzzies the same entries."""
    path = write_article(ws, "guard.md", INTERVIEW)
    run("update")
    translate_all(ws)
    snapshot = tmp_path / "before.po"
    snapshot.write_bytes((ws / KO).read_bytes())
    path.write_text(INTERVIEW.replace("Six years.", "Six long years."), encoding="utf-8")
    run("update")
    theirs = gettext(
        "msgmerge", "--previous", "--no-wrap", "-q", "-o", "-", snapshot, ws / "locales/templates/guard.pot"
    )
    assert theirs.returncode == 0, theirs.stderr
    mine = {e.msgctxt: (e.msgid, e.msgstr, e.fuzzy, e.previous_msgid) for e in entries(ws) if not e.obsolete}
    gnu = {
        e.msgctxt: (e.msgid, e.msgstr, e.fuzzy, e.previous_msgid) for e in polib.pofile(theirs.stdout) if not e.obsolete
    }
    assert mine == gnu


def test_msgmerge_of_our_files_keeps_translator_data(ws, run):
    """A catalog we wrote survives a round trip through msgmerge (what Weblate and po4a run)."""
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    translate_all(ws)
    out = gettext("msgmerge", "--previous", "--no-wrap", "-q", "-o", "-", ws / KO, ws / "locales/templates/guard.pot")
    theirs = polib.pofile(out.stdout)
    ours = polib.pofile(str(ws / KO))
    assert [(e.msgctxt, e.msgstr, e.tcomment) for e in theirs] == [(e.msgctxt, e.msgstr, e.tcomment) for e in ours]


def test_catalog_changed_on_disk_is_not_clobbered(ws, run):
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    path = ws / KO
    cat = store.read(path)
    # A translator saves in Poedit after we read the file.
    path.write_text(
        path.read_text(encoding="utf-8").replace('msgstr ""\n\n', 'msgstr "저장됨"\n\n', 1), encoding="utf-8"
    )
    saved = path.read_bytes()
    cat.po[0].msgstr = "clobber"
    with pytest.raises(ConflictError):
        store.write(cat, cat.po)
    assert path.read_bytes() == saved
    assert not list(path.parent.glob(".*.tmp"))


def test_invalid_po_is_reported_with_line_and_nothing_is_written(ws, run):
    path = write_article(ws, "guard.md", INTERVIEW)
    run("update")
    po = ws / KO
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[24] = 'msgstr "unterminated\n'
    po.write_text("".join(lines), encoding="utf-8")
    path.write_text(INTERVIEW.replace("Six years.", "Six long years."), encoding="utf-8")
    pot_before = (ws / "locales/templates/guard.pot").read_bytes()
    ja_before = (ws / "locales/ja/guard.po").read_bytes()
    code, _out, err = run("update")
    assert code == 2
    assert err.startswith("translate: error: ") and err.count("\n") == 1
    assert "guard.po:25" in err
    assert (ws / "locales/templates/guard.pot").read_bytes() == pot_before
    assert (ws / "locales/ja/guard.po").read_bytes() == ja_before


def test_duplicate_messages_in_a_catalog_are_refused(tmp_path):
    path = tmp_path / "dup.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ko\\n"\n\nmsgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', encoding="utf-8"
    )
    with pytest.raises(CatalogError) as info:
        store.read(path)
    assert info.value.line is not None


def test_same_sentence_twice_gets_two_identities(ws, run):
    write_article(ws, "yes.md", "# Title\n\n-- Did you go?\n\nA: Yes.\n\n-- Alone?\n\nA: Yes.\n")
    run("update")
    po = polib.pofile(str(ws / "locales/ko/yes.po"))
    yes = [e for e in po if e.msgid == "Yes."]
    assert len(yes) == 2 and yes[0].msgctxt != yes[1].msgctxt
    assert_clean_po(ws / "locales/ko/yes.po")


RESPELL = """\
---
title: A statement from Pyongyang
---

Kim Yo Jong issued a statement. It came on Tuesday. Traders in Hyesan listened.
"""


def test_a_respelled_name_keeps_its_translation_and_a_changed_sentence_goes_fuzzy(ws, run):
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    article = write_article(ws, "respell.md", RESPELL)
    run("update")
    translate_all(ws, slug="respell")
    revised = RESPELL.replace("Kim Yo Jong", "Kim Yo-jung").replace("Tuesday", "Monday")
    article.write_text(revised, encoding="utf-8")
    code, out, _ = run("update")
    assert code == 0 and "ko: 2 kept, 1 respelled, 1 fuzzy" in out
    after = {e.msgid: e for e in entries(ws, "locales/ko/respell.po") if not e.obsolete}
    respelled = after["Kim Yo-jung issued a statement."]
    assert respelled.msgstr == "[ko] Kim Yo Jong issued a statement." and not respelled.fuzzy
    assert not respelled.previous_msgid
    assert after["It came on Monday."].fuzzy  # a real change
    assert_clean_po(ws / "locales/ko/respell.po")
    shutil.rmtree(ws / "glossary")  # without a glossary, every change is a change
    article.write_text(RESPELL, encoding="utf-8")
    run("update")
    assert entries(ws, "locales/ko/respell.po")[1].fuzzy

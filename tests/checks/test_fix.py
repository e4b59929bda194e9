"""`translate check --diff` and `--fix`: house forms written into translations and source articles, nothing else."""

from __future__ import annotations

import polib

from tests.conftest import assert_clean_po
from tests.support.checked import ARTICLE


def test_diff_shows_and_fix_rewrites_translations_only(checked, run):
    before = (checked / "locales/ko/warning.po").read_text(encoding="utf-8")
    code, out, _ = run("check", "--diff")
    assert code == 1
    assert '-msgstr "양강도의 상인들이 귀를 기울였다."' in out and '+msgstr "량강도의 상인들이 귀를 기울였다."' in out
    assert (checked / "locales/ko/warning.po").read_text(encoding="utf-8") == before

    code, out, err = run("check", "--fix")
    after = (checked / "locales/ko/warning.po").read_text(encoding="utf-8")
    assert "량강도의 상인들이" in after
    assert [a for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b] == [
        'msgstr "양강도의 상인들이 귀를 기울였다."'
    ]
    ja = (checked / "locales/ja/warning.po").read_text(encoding="utf-8")
    assert "金与正氏、南側に警告" in ja and "金与正氏は火曜日" in ja
    assert_clean_po(checked / "locales/ko/warning.po")
    assert code == 1 and "fixed 3 of 4" in err  # the missing term needs a translator
    code, out, _ = run("check")
    assert out.strip().splitlines()[-1] == "1 finding(s), 1 error(s)"


def test_fixing_a_source_article_carries_into_its_catalogs_in_one_go(checked, run):
    article = checked / "articles" / "warning.md"
    article.write_text(ARTICLE.replace("Kim Yo-jung issued", "Kim Yo Jong issued"), encoding="utf-8")
    assert run("update")[0] == 0  # the translators' work now belongs to the variant spelling (fuzzy)
    path = checked / "locales" / "ko" / "warning.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgid == "Kim Yo Jong issued a statement on Tuesday.":
            entry.msgstr, entry.flags, entry.previous_msgid = "김여정은 화요일 담화를 발표했다.", [], None
    po.save(str(path))
    code, out, err = run("check", "--fix", "articles/warning.md")
    assert code == 0 and "carried into the catalogs: 2 translation(s) kept as they were" in err  # ko and ja
    assert "Kim Yo-jung issued" in article.read_text(encoding="utf-8")
    entry = next(e for e in polib.pofile(str(path)) if e.msgid.startswith("Kim Yo-jung issued"))
    assert entry.msgstr == "김여정은 화요일 담화를 발표했다." and not entry.fuzzy
    assert "Kim Yo-jung issued" in (checked / "locales" / "templates" / "warning.pot").read_text(encoding="utf-8")
    assert_clean_po(path)
    code, out, _ = run("update")
    assert "wrote: nothing (up to date)" in out

"""Translation memory: the catalogs as memory before MT, TMX export and import through the commands."""

from __future__ import annotations

import json

import polib

from tests.conftest import INTERVIEW, write_article
from translate import memory
from translate.mt import packages


def test_translation_memory_comes_before_mt_with_match_percentage(argos_dir, models, ws, run):

    packages.install(models["en_ko"])
    write_article(ws, "guard.md", INTERVIEW)
    write_article(ws, "second.md", INTERVIEW.replace("Six years.", "Six long years.").replace("guard", "trader"))
    run("update")
    done = ws / "locales/ko/guard.po"
    po = polib.pofile(str(done), wrapwidth=0)
    for entry in po:
        entry.msgstr = f"사람: {entry.msgid}"
    po.save(str(done))

    code, out, _ = run("mt", "second", "--lang", "ko", "--json")
    assert code == 0 and json.loads(out)["units"] == 12
    second = {e.msgid: e for e in polib.pofile(str(ws / "locales/ko/second.po"))}
    exact = second["He left in 2019."]
    mark = json.loads(exact.tcomment.split("translate-mt: ", 1)[1])
    assert exact.fuzzy and exact.msgstr == "사람: He left in 2019."
    assert mark["engine"] == "tm" and mark["match"] == 100.0 and mark["origin"] == "locales/ko/guard.po"
    close = second["Six long years."]
    close_mark = json.loads(close.tcomment.split("translate-mt: ", 1)[1])
    assert close.msgstr == "사람: Six years." and 75 <= close_mark["match"] < 100
    # the human catalog is untouched
    assert all(e.msgstr.startswith("사람: ") and not e.fuzzy for e in polib.pofile(str(done)))

    # --no-tm machine-translates instead
    (ws / "locales/ko/second.po").unlink()
    run("update")
    run("mt", "second", "--lang", "ko", "--no-tm")
    engines = {
        json.loads(e.tcomment.split("translate-mt: ", 1)[1])["engine"]
        for e in polib.pofile(str(ws / "locales/ko/second.po"))
    }
    assert engines == {"argos"}


def test_tmx_export_and_import_round_trip(ws, run, tmp_path):

    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    path = ws / "locales/ko/guard.po"
    po = polib.pofile(str(path), wrapwidth=0)
    po[2].msgstr = "한 전직 국경경비대원은 밀수가 멈춘 적이 없다고 말한다."
    po[3].msgstr = "확인 안 된 번역"
    po[3].flags.append("fuzzy")
    po.save(str(path))
    out_file = tmp_path / "ko.tmx"
    assert run("tm", "export", "--to", "ko", "-o", str(out_file))[0] == 0
    segments = memory.from_tmx(out_file, "en", "ko")
    assert [(s.source, s.target) for s in segments] == [(po[2].msgid, po[2].msgstr)]  # fuzzy is not memory
    code, out, _ = run("tm", "import", str(out_file))
    assert code == 0 and "1 translation unit(s) added as locales/memory/ko.tmx" in out
    assert run("tm", "import", str(out_file))[0] == 2
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    code, _, err = run("tm", "import", str(bad))
    assert code == 2 and "invalid TMX" in err


def test_a_memory_goes_from_one_language_into_another(ws, run):
    code, _, err = run("tm", "export", "--from", "ko", "--to", "ko")
    assert code == 2 and "--from and --to are both ko" in err

"""Argos packages built here (real format: SentencePiece + CTranslate2), installed and run."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import polib

from tests.conftest import INTERVIEW, ROOT, assert_clean_po, gettext, write_article
from tests.support import builder
from tests.support.corpus import CORPUS
from translate.mt import packages


def test_mt_fills_only_untranslated_units_fuzzy_with_provenance(argos_dir, models, ws, run):

    for pair in ("en_ko", "en_ja"):
        packages.install(models[pair])
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    ko = ws / "locales/ko/guard.po"
    po = polib.pofile(str(ko), wrapwidth=0)
    po[0].msgstr = "사람이 번역한 제목"
    po[1].msgstr = "퍼지 번역"
    po[1].flags.append("fuzzy")
    po.save(str(ko))

    code, out, _ = run("mt", "--dry-run", "--lang", "ko")
    assert code == 0 and "would fill 10 unit(s)" in out
    assert polib.pofile(str(ko))[2].msgstr == ""

    code, out, err = run("mt", "--lang", "ko", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["units"] == 10 and report["written"] == ["locales/ko/guard.po"]
    entries = polib.pofile(str(ko))
    assert entries[0].msgstr == "사람이 번역한 제목" and not entries[0].fuzzy
    assert entries[1].msgstr == "퍼지 번역"
    filled = entries[2]
    assert filled.fuzzy and filled.msgstr
    mark = json.loads(filled.tcomment.split("translate-mt: ", 1)[1])
    assert mark["engine"] == "argos" and mark["packages"] == ["test en-ko (64d, 2+2 layers, random) 1.0"]
    assert mark["pivot"] == [] and mark["raw"] == filled.msgstr and mark["date"] == "2020-09-13"
    assert_clean_po(ko)
    assert not (ws / "locales/ja/guard.po").read_text(encoding="utf-8").count("translate-mt")

    # A translator edits one machine translation; --refresh redoes only the untouched ones.
    po = polib.pofile(str(ko), wrapwidth=0)
    po[3].msgstr = "고친 번역"
    po.save(str(ko))
    code, out, _ = run("mt", "--lang", "ko", "--refresh", "--json")
    assert json.loads(out)["units"] == 9
    assert polib.pofile(str(ko))[3].msgstr == "고친 번역"

    # Provenance survives a source revision (translator comments are the translator's).
    (ws / "articles/guard.md").write_text(INTERVIEW.replace("Six years.", "Six long years."), encoding="utf-8")
    run("update")
    after = polib.pofile(str(ko))
    assert sum("translate-mt:" in (e.tcomment or "") for e in after) == 10


def test_mt_refuses_before_work_when_a_pair_is_missing(argos_dir, models, ws, run):

    packages.install(models["en_ko"])
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    before = (ws / "locales/ko/guard.po").read_bytes()
    code, _, err = run("mt")
    assert code == 2 and "no model for en→ja" in err
    assert (ws / "locales/ko/guard.po").read_bytes() == before


def test_provenance_survives_gnu_msgmerge(argos_dir, models, ws, run):

    packages.install(models["en_ko"])
    write_article(ws, "guard.md", INTERVIEW)
    run("update")
    run("mt", "--lang", "ko")
    merged = gettext(
        "msgmerge",
        "--previous",
        "--no-wrap",
        "-q",
        "-o",
        "-",
        ws / "locales/ko/guard.po",
        ws / "locales/templates/guard.pot",
    )
    assert merged.returncode == 0
    ours = {e.msgctxt: e.tcomment for e in polib.pofile(str(ws / "locales/ko/guard.po"))}
    theirs = {e.msgctxt: e.tcomment for e in polib.pofile(merged.stdout)}
    assert theirs == ours and all("translate-mt:" in c for c in ours.values())


def test_ctrl_c_leaves_catalogs_as_they_were(argos_dir, ws, run, tmp_path):
    """SIGINT in the middle of a run: exit 130, every catalog byte-identical to before."""
    slow = builder.build(
        tmp_path / "slow.argosmodel", "en", "ko", CORPUS, layers=(4, 4), d_model=256, heads=4, ffn=512, seed=2
    )
    packages.install(slow)
    write_article(ws, "hyesan.md", (ROOT / "articles" / "hyesan-trader.md").read_text(encoding="utf-8"))
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    run("update")
    before = (ws / "locales/ko/hyesan.po").read_bytes()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    child = subprocess.Popen(
        [sys.executable, "-m", "translate", "mt"], cwd=ws, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    kept = ws / ".translate/cache/mt"  # its first batch kept: the model is loaded and translating
    while child.poll() is None and not any(kept.glob("*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert child.poll() is None, "the run ended before it could be interrupted"
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 130, err.decode()
    assert b"interrupted" in err
    assert (ws / "locales/ko/hyesan.po").read_bytes() == before
    assert not list((ws / "locales/ko").glob(".*.tmp"))


def test_mt_through_a_model_that_mangles_placeholders_reports_every_loss(argos_dir, models, ws, run):
    """A random model drops the placeholders: nothing silently wrong, every loss is in the provenance."""
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    packages.install(models["en_ko"])
    write_article(ws, "k.md", "# Kim Yo-jung in Hyesan\n\nKim Yo-jung met traders in Ryanggang Province.\n")
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    run("update")
    code, out, _ = run("mt", "--json")
    report = json.loads(out)
    assert code == 0 and report["units"] == 2
    for entry in polib.pofile(str(ws / "locales/ko/k.po")):
        mark = json.loads(entry.tcomment.split("translate-mt: ", 1)[1])
        if "김여정" not in entry.msgstr:
            assert any("kim-yo-jung" in issue for issue in mark["issues"])
        assert not re.search("[\ue000-\uf8ff]", entry.msgstr)  # no placeholder is left in a translation
        # Every unit lost placeholders at first: its provenance says so, mended by re-decoding or not.
        assert mark["issues"] and all(issue.startswith(("lost", "re-decoded", "source")) for issue in mark["issues"])


def test_mt_through_a_model_that_keeps_placeholders_writes_house_forms(argos_dir, copy_model, ws, run):

    shutil.copytree(ROOT / "glossary", ws / "glossary")
    packages.install(copy_model)
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    write_article(
        ws,
        "k.md",
        "# Kim Yo Jong in Hyesan\n\nKim Yo-jung met traders in Ryanggang Province, [KCNA](https://kcna.kp) said.\n",
    )
    run("update")
    code, out, _ = run("mt", "--json")
    assert code == 0 and json.loads(out)["issues"] == 0
    filled = {e.msgid: e for e in polib.pofile(str(ws / "locales/ko/k.po"))}
    assert filled["Kim Yo Jong in Hyesan"].msgstr == "김여정 in 혜산"  # the variant in the source did not pass through
    body = filled["Kim Yo-jung met traders in Ryanggang Province, [KCNA][1] said."]
    assert body.msgstr == "김여정 met traders in 량강도, [조선중앙통신][1] said."
    assert "issues" not in body.tcomment

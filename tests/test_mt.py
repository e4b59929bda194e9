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
import zipfile
from pathlib import Path

import polib
import pytest

from tests.support import builder
from translate import memory
from translate.catalog import notes
from translate.errors import InputError
from translate.mt import packages
from translate.mt.engine import Engine, Router, Settings

from .conftest import INTERVIEW, ROOT, assert_clean_po, gettext, require, write_article

CORPUS = [
    "Kim Yo-jung issued a statement on Tuesday.",
    "Traders in Hyesan said rice prices doubled.",
    "The border guards took a share of everything.",
    "김여정이 화요일 담화를 발표했다.",
    "혜산의 상인들은 쌀값이 두 배로 올랐다고 말했다.",
    "金与正氏は火曜日に談話を発表した。",
    "恵山の商人たちは米の値段が倍になったと話した。",
] * 30

PLACES = ("Hyesan", "Sinuiju", "Kaesong", "Rason", "Chongjin", "Musan")

SENTENCES = [
    "Kim Yo-jung issued a statement.",
    "Traders said prices doubled on Tuesday in Hyesan, and the guards took a share.",
    "Rice.",
    "The border guards said nothing.",
]


@pytest.fixture(scope="session")
def models(tmp_path_factory) -> dict[str, Path]:
    """Three tiny real-format packages: en→ko, ko→en, en→ja (no ko→ja: that pair pivots)."""
    folder = tmp_path_factory.mktemp("argosmodels")
    return {
        pair: builder.build(folder / f"{pair}.argosmodel", *pair.split("_"), CORPUS, seed=n)
        for n, pair in enumerate(("en_ko", "ko_en", "en_ja"))
    }


@pytest.fixture
def argos_dir(tmp_path, monkeypatch, models) -> Path:
    folder = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


def test_install_list_and_route(argos_dir, models, run, ws):
    for path in models.values():
        code, out, _ = run("models", "install", str(path))
        assert code == 0 and "installed" in out
    found = packages.installed()
    assert sorted(p.pair for p in found) == ["en→ja", "en→ko", "ko→en"]
    code, out, _ = run("models", "list", "--json")
    listing = json.loads(out)
    pairs = {(p["from"], p["to"]): p for p in listing["pairs"]}
    assert pairs[("ko", "ja")] == {"from": "ko", "to": "ja", "via": ["en"], "available": True}
    assert pairs[("en", "ko")]["via"] == [] and not pairs[("ja", "en")]["available"]
    code, out, _ = run("models", "list")
    assert "ko→ja: via en" in out and "ja→en: missing" in out


def test_missing_pair_is_one_clear_line():
    with pytest.raises(InputError, match=r"no model for ja→ko: install translate-ja_ko .*argospm install"):
        Router(packages=[]).chain("ja", "ko")


def test_one_call_for_all_units_equals_one_sentence_at_a_time(argos_dir, models):
    package = packages.install(models["en_ko"])
    sentences = [*SENTENCES, *(f"Traders in {place} said rice prices doubled." for place in PLACES)]
    engine = Engine(package, Settings(inter_threads=2))
    seen: list[int] = []
    batched = engine.translate(sentences, progress=seen.append)
    single = [Engine(package, Settings(inter_threads=1, intra_threads=0)).translate([s])[0] for s in sentences]
    assert batched == single
    assert sum(seen) == len(sentences) and len(seen) < len(sentences)
    assert all(isinstance(t, str) and t for t in batched)
    assert engine.translate([]) == []


def test_batches_hold_one_length_unless_padding_is_allowed(argos_dir, models):
    engine = Engine(packages.install(models["en_ko"]), Settings(max_batch_size=2))
    tokens = [["a"] * n for n in (3, 1, 3, 3, 2)]
    assert engine.batches(tokens) == [[1], [4], [0, 2], [3]]
    padded = Engine(engine.package, Settings(max_batch_size=2, padded=True))
    assert padded.batches(tokens) == [[1, 4], [0, 2], [3]]


def test_korean_to_japanese_pivots_through_english(argos_dir, models):
    for pair in ("ko_en", "en_ja"):
        packages.install(models[pair])
    router = Router()
    out, hops = router.translate(["김여정이 담화를 발표했다."], "ko", "ja")
    assert [h.pair for h in hops] == ["ko→en", "en→ja"]
    english, _ = router.translate(["김여정이 담화를 발표했다."], "ko", "en")
    assert out == router.translate(english, "en", "ja")[0]


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


REFERENCE_PYTHON = os.environ.get(
    "ARGOS_REFERENCE_PYTHON", str(Path(__file__).parent.parent / ".venv-argos/bin/python")
)


def test_fast_path_output_is_identical_to_argostranslate(argos_dir, models):
    """The same sentences through argostranslate.translate (its own environment) and through our engine."""
    require(Path(REFERENCE_PYTHON).exists(), f"{REFERENCE_PYTHON} missing: scripts/test creates .venv-argos")
    package = packages.install(models["en_ko"])
    sentences = [
        *SENTENCES,
        "Kim Yo-jung said the border guards took a share of everything in Hyesan on Tuesday.",
        *(f"Traders in {place} said {goods} prices doubled." for place in PLACES for goods in ("rice", "corn")),
    ]
    request = json.dumps({"from": "en", "to": "ko", "sentences": sentences})
    env = dict(os.environ, ARGOS_COMPUTE_TYPE="int8", ARGOS_DEVICE_TYPE="cpu")
    reference = Path(__file__).parent.parent / "scripts" / "argos_reference.py"
    done = subprocess.run(
        [REFERENCE_PYTHON, str(reference)], input=request, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    theirs = json.loads(done.stdout)
    engine = Engine(package)
    batches = engine.batches([engine.tokenizer.encode(s, out_type=str) for s in sentences])
    assert max(len(b) for b in batches) >= 3, "sentences of equal length share a batch"
    assert engine.translate(sentences) == theirs
    assert len(set(theirs)) > 1


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
    time.sleep(3)  # model loaded, translating
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
    assert report["issues"] >= 1


@pytest.fixture(scope="session")
def copy_model(tmp_path_factory) -> Path:
    return builder.build_copy(tmp_path_factory.mktemp("copy") / "copy.argosmodel", "en", "ko", CORPUS)


def test_the_copy_model_copies_text_and_unknown_placeholders(argos_dir, copy_model):
    engine = Engine(packages.install(copy_model))
    sentences = [*SENTENCES, "\ue001 met traders in \ue002.", "See [KCNA]\ue003 for {4}."]
    assert engine.translate(sentences) == sentences


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


def test_post_edit_scores_compare_the_kept_machine_output_with_the_final_text(argos_dir, copy_model, ws, run):

    packages.install(copy_model)
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    write_article(ws, "k.md", "# Prices in Hyesan\n\nRice prices doubled. Corn prices rose.\n")
    run("update")
    run("mt")
    path = ws / "locales/ko/k.po"
    po = polib.pofile(str(path), wrapwidth=0)
    po[1].msgstr = "쌀값이 두 배로 뛰었다."  # rewritten by the translator
    for entry in po[1:3]:
        entry.flags.remove("fuzzy")
    po.save(str(path))
    code, out, _ = run("score", "--json")
    result = json.loads(out)[0]
    assert code == 0 and result["source"] == "post-edit" and result["units"] == 2
    entries = polib.pofile(str(path))
    edited, untouched = notes.stored(entries[1]), notes.stored(entries[2])
    assert edited[0].metric == "chrF2" and edited[0].score < 20  # heavily post-edited
    assert untouched[0].score == 100.0 and untouched[1].metric == "TER" and untouched[1].score == 0.0
    # still fuzzy: no post-edit score yet, but the reference-free QA sees an untranslated copy
    [title] = notes.stored(entries[0])
    assert (title.metric, title.score, title.signals) == ("QA", 0.0, ["wrong-language", "copy-of-source"])


def test_round_trip_chrf_translates_back_with_the_reverse_model(argos_dir, ws, run, tmp_path):
    """ko→en installed: each Korean translation goes back to English and is scored against the source."""
    import sacrebleu

    back_model = builder.build_copy(tmp_path / "back.argosmodel", "ko", "en", CORPUS)
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko", "ja"]\n', encoding="utf-8")
    write_article(ws, "k.md", "# Prices in Hyesan\n\nRice prices doubled. Corn prices rose.\n")
    run("update")
    path = ws / "locales/ko/k.po"
    po = polib.pofile(str(path), wrapwidth=0)
    po[0].msgstr = "혜산의 물가"
    po[1].msgstr = "Rice prices doubled."  # a copy of the source comes back as the source: 100
    po.save(str(path))

    code, _, err = run("score", "--round-trip", "--lang", "ko")
    assert code == 2 and "no model for ko→en" in err  # refused before anything is scored
    packages.install(back_model)
    code, out, err = run("score", "--round-trip", "--lang", "ko", "--metric", "qa", "--json")
    assert code == 0, err
    result = json.loads(out)[0]
    back = Engine(packages.installed()[0]).translate(["혜산의 물가", "Rice prices doubled."])
    sources = [po[0].msgid, po[1].msgid]
    expected = [sacrebleu.metrics.CHRF().sentence_score(b, [s]).score for b, s in zip(back, sources, strict=True)]
    entries = polib.pofile(str(path))
    stored = [next(s for s in notes.stored(e) if s.source == "round-trip") for e in entries[:2]]
    assert [(s.metric, s.score) for s in stored] == [("chrF2", round(v, 2)) for v in expected]
    assert stored[1].score == 100.0 and stored[0].score < 50
    assert result["round_trip"]["chrF2"]["units"] == 2
    assert "chrF2 round-trip" in notes.corpus_scores(polib.pofile(str(path)))
    # nothing post-edited to score, but the round trip still is, and said
    code, out, _ = run("score", "--round-trip", "--lang", "ko", "--metric", "chrf", "--dry-run")
    assert code == 0 and "locales/ko/k.po: chrF2 = " in out and "(round-trip; nrefs:1" in out
    assert "nothing to score" not in out

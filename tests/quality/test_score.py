"""Quality scores: equal to the sacrebleu command, kept in PO files through merges and edits."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import polib
import pytest

from tests.conftest import ROOT, gettext, write_article
from tests.support import builder
from tests.support.corpus import CORPUS
from translate.catalog import notes
from translate.mt import packages
from translate.mt.engine import Engine
from translate.quality import metrics

KO = "locales/ko/hyesan-trader.po"


@pytest.fixture
def sample(ws, run):
    """The sample workspace, with a Korean catalog whose translations differ from the human ones."""
    for folder in ("articles", "locales", "glossary"):
        shutil.copytree(ROOT / folder, ws / folder)
    reference = ws / "reference.po"
    shutil.copy(ws / KO, reference)
    po = polib.pofile(str(ws / KO), wrapwidth=0)
    for n, entry in enumerate(po):
        if n % 3 == 0:
            entry.msgstr = entry.msgstr.replace("다.", "습니다.").replace("혜산", "혜산시")
    po.save(str(ws / KO))
    return reference


def sacrebleu_cli(tmp_path, hyps: list[str], refs: list[str], *options: str) -> list[float]:
    (tmp_path / "hyp.txt").write_text("\n".join(hyps) + "\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("\n".join(refs) + "\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sacrebleu",
            str(tmp_path / "ref.txt"),
            "-i",
            str(tmp_path / "hyp.txt"),
            "-b",
            "-w",
            "2",
            "-f",
            "text",
            *options,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(line) for line in done.stdout.split()]


def test_scores_equal_the_sacrebleu_command(sample, run, tmp_path):
    code, out, err = run("score", "--reference", str(sample), "--metric", "chrf,bleu,ter", "--json", "--dry-run")
    assert code == 0, err
    result = json.loads(out)[0]
    hyp_po = polib.pofile(str(sample.parent / KO))
    ref = {e.msgctxt: e.msgstr for e in polib.pofile(str(sample))}
    hyps = [e.msgstr for e in hyp_po if e.msgstr]
    refs = [ref[e.msgctxt] for e in hyp_po if e.msgstr]
    tokenizer = metrics.bleu_tokenizer("ko")
    expected = [
        *sacrebleu_cli(tmp_path, hyps, refs, "-m", "chrf"),
        *sacrebleu_cli(tmp_path, hyps, refs, "-m", "bleu", "-tok", tokenizer),
        *sacrebleu_cli(tmp_path, hyps, refs, "-m", "ter", "--ter-asian-support"),
    ]
    ours = [result["scores"][name]["score"] for name in ("chrF2", "BLEU", "TER")]
    assert ours == expected
    assert result["scores"]["chrF2"]["signature"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no")
    assert f"tok:{tokenizer}" in result["scores"]["BLEU"]["signature"]
    assert "asian:yes" in result["scores"]["TER"]["signature"]


def test_unit_scores_are_kept_through_msgmerge_update_and_show_when_stale(sample, run, ws):
    code, out, _ = run("score", "--reference", str(sample))
    assert code == 0 and "chrF2 =" in out
    entries = polib.pofile(str(ws / KO))
    changed = entries[0]
    kept = notes.stored(changed)
    assert [(s.metric, s.source) for s in kept] == [
        ("chrF2", "reference"),
        ("TER", "reference"),
        ("QA", "reference-free"),
    ]
    assert kept[0].score < 100 and not notes.is_stale(kept[0], changed)
    assert notes.stored(entries[1])[0].score == 100.0

    merged = gettext(
        "msgmerge", "--previous", "--no-wrap", "-q", "-o", "-", ws / KO, ws / "locales/templates/hyesan-trader.pot"
    )
    assert [notes.stored(e) for e in polib.pofile(merged.stdout)] == [notes.stored(e) for e in entries]
    run("update")
    assert [notes.stored(e) for e in polib.pofile(str(ws / KO))] == [notes.stored(e) for e in entries]

    po = polib.pofile(str(ws / KO), wrapwidth=0)
    po[0].msgstr += " (수정)"
    po.save(str(ws / KO))
    edited = polib.pofile(str(ws / KO))[0]
    assert notes.is_stale(notes.stored(edited)[0], edited)
    # scoring again replaces the old lines instead of adding more
    run("score", "--reference", str(sample))
    again = polib.pofile(str(ws / KO))[0]
    assert len(notes.stored(again)) == 3 and not notes.is_stale(notes.stored(again)[0], again)


def test_corpus_scores_are_kept_in_the_header_and_shown_in_status_and_build(sample, run, ws):
    code, out, _ = run("score", "--reference", str(sample), "--json")
    printed = json.loads(out)[0]["scores"]
    kept = notes.corpus_scores(polib.pofile(str(ws / KO)))
    assert list(kept) == ["chrF2 reference", "QA reference-free", "TER reference"]
    assert kept["chrF2 reference"]["score"] == printed["chrF2"]["score"] < 100
    assert kept["chrF2 reference"]["signature"] == printed["chrF2"]["signature"]
    assert not any(v["stale"] for v in kept.values())
    assert gettext("msgfmt", "-c", "-o", "/dev/null", ws / KO).returncode == 0

    merged = gettext(
        "msgmerge", "--previous", "--no-wrap", "-q", "-o", "-", ws / KO, ws / "locales/templates/hyesan-trader.pot"
    )
    assert notes.corpus_scores(polib.pofile(merged.stdout)) == kept
    run("update")
    assert notes.corpus_scores(polib.pofile(str(ws / KO))) == kept

    _, out, _ = run("status", "--json")
    ko = next(r for r in json.loads(out) if r["slug"] == "hyesan-trader" and r["language"] == "ko")
    assert ko["scores"] == kept
    code, out, _ = run("build", "hyesan-trader")
    chrf = kept["chrF2 reference"]["score"]
    assert code == 0 and f"hyesan-trader [ko]: 100.0% translated (QA 100.0; chrF2 reference {chrf:.1f}," in out

    po = polib.pofile(str(ws / KO), wrapwidth=0)
    po[3].msgstr += " (수정)"
    po.save(str(ws / KO))
    _, out, _ = run("status")
    assert f"chrF2 reference {chrf:.1f} (stale)" in out


def test_fail_under_gates_ci(sample, run):
    code, out, _ = run("score", "--reference", str(sample), "--fail-under", "99", "--dry-run")
    assert code == 1 and "BELOW --fail-under" in out
    code, _, _ = run("score", "--reference", str(sample), "--fail-under", "50", "--dry-run")
    assert code == 0


def test_unknown_metric_is_an_input_error(sample, run):
    code, _, err = run("score", "--metric", "meteor")
    assert code == 2 and "unknown metric" in err


def test_qa_scores_every_translated_unit_of_the_sample(sample, run, ws):
    code, out, _ = run("score", "--metric", "qa", "--json")
    assert code == 0
    results = {r["catalog"]: r for r in json.loads(out)}
    assert results[KO]["scores"]["QA"]["units"] == 34
    assert results["locales/ja/hyesan-trader.po"]["scores"]["QA"]["score"] == 100.0
    stored = [notes.stored(e) for e in polib.pofile(str(ws / KO)) if e.msgstr]
    assert all(s[0].metric == "QA" and s[0].source == "reference-free" for s in stored)
    _, out, _ = run("status", "--json")
    ko = next(r for r in json.loads(out) if r["slug"] == "hyesan-trader" and r["language"] == "ko")
    assert ko["qa"] == results[KO]["scores"]["QA"]["score"]


def test_build_min_score_refuses_unscored_and_low_editions(sample, run, ws):
    code, out, _ = run("build", "--min-score", "90")
    assert (
        code == 1
        and "hyesan-trader [ko]: REFUSED, not scored (run translate score); --min-score 90 needs a score" in out
    )
    run("score", "--metric", "qa")
    code, out, _ = run("build", "--min-score", "90", "--json")
    assert code == 0
    ko = next(e for e in json.loads(out) if e["slug"] == "hyesan-trader" and e["language"] == "ko")
    assert ko["qa"] >= 90 and ko["outputs"]
    po = polib.pofile(str(ws / KO), wrapwidth=0)
    po[5].msgstr = po[5].msgid  # an untranslated copy slips in
    po.save(str(ws / KO))
    run("score", "--metric", "qa")
    code, out, _ = run("build", "--min-score", "99")
    assert code == 1 and "hyesan-trader [ko]: REFUSED, QA 97.1, below --min-score 99" in out


def test_reference_edition_is_aligned_by_block_and_sentence(sample, run, ws):
    ref = ws / "reference.ko.md"
    human = {e.msgid: e.msgstr for e in polib.pofile(str(sample))}
    article = (ws / "articles/hyesan-trader.md").read_text(encoding="utf-8")
    for source, target in sorted(human.items(), key=lambda kv: -len(kv[0])):
        article = article.replace(source.replace("[1]", "(https://www.unikorea.go.kr/eng_unikorea/)"), target)
        article = article.replace(source, target)
    # the reference leaves out one sentence of the lead
    article = article.replace(human["She left North Korea in 2019 and now lives in Seoul."] + " ", "")
    ref.write_text(article, encoding="utf-8")
    code, out, err = run(
        "score", "hyesan-trader", "--lang", "ko", "--reference", str(ref), "--json", "--metric", "chrf"
    )
    assert code == 0, err
    assert json.loads(out)[0]["source"] == "reference"
    entries = {e.msgid: e for e in polib.pofile(str(ws / KO))}
    # the lead: three sentences against two, aligned by length; the short extra one is
    # scored together with its neighbour, and both keep that score
    lead = [
        [(s.source, s.score) for s in notes.stored(entries[text])]
        for text in (
            "A former trader from Hyesan, Ryanggang Province, says the border closure in early 2020 "
            "emptied the city's markets within weeks.",
            "She left North Korea in 2019 and now lives in Seoul.",
            "She spoke to us on condition that only her surname, Choi, be used.",
        )
    ]
    assert lead[0] == lead[1] and lead[0][0][0] == "reference-aligned" and 60 < lead[0][0][1] < 100
    assert lead[2] == [("reference-aligned", 100.0)]
    same = notes.stored(entries["When did you start trading?"])
    assert [(s.source, s.score) for s in same] == [("reference", 100.0)]
    code, _, err = run("score", "--reference", str(ref))
    assert code == 2 and "one article and one --lang" in err


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

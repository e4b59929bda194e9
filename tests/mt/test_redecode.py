"""Re-decoding under constraints (translate/mt/redecode.py) on a trained model that loses placeholders.

tests/data/tiny-en_ko.argosmodel never saw the names of these sentences
(scripts/train_tiny_model.py holds them out), and writes a name it knows in
their place: exactly the case a second, constrained decode is for.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, write_article
from translate import glossary
from translate.catalog.notes import Provenance
from translate.glossary.matcher import Matcher
from translate.mt import packages, prefill, protect, redecode
from translate.mt.engine import Engine, Router

MODEL = ROOT / "tests" / "data" / "tiny-en_ko.argosmodel"
MANPO = "Prices in Manpo doubled on Monday."


@pytest.fixture(scope="module")
def house() -> Matcher:
    return Matcher(glossary.load(ROOT / "glossary"))


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Engine:
    folder = tmp_path_factory.mktemp("packages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ARGOS_PACKAGES_DIR", str(folder))
        return Engine(packages.install(MODEL))


def second_try(engine: Engine, house: Matcher, source: str) -> tuple[str, redecode.Redecoded, protect.Protected]:
    """The first output (restored) and the second try, as translate mt makes them."""
    shielded = protect.protect(source, "en", "ko", house)
    (output,) = engine.translate([shielded.text])
    sentence = redecode.Sentence(source, shielded.text, output, shielded.slots)
    (result,) = redecode.retry(engine, [sentence], "en", "ko", house)
    return protect.restore(output, shielded.slots, "ko")[0], result, shielded


def test_a_dropped_placeholder_comes_back_by_forcing_it_into_the_prefix(engine, house):
    first, result, shielded = second_try(engine, house, MANPO)
    assert first == "월요일 무산의 물가가 두 배로 뛰었다."  # a place it knows instead of Manpo
    assert result.redecoded and result.constraint == "prefix"
    assert protect.restore(result.output, shielded.slots, "ko") == ("월요일 만포의 물가가 두 배로 뛰었다.", [])


def test_candidates_are_ranked_by_the_models_own_score(engine, house):
    """Of the candidates that pass, the one score_batch likes best is kept, not the first one decoded."""
    _, result, shielded = second_try(engine, house, "Traders in Yongbyon sold 17,675 tons of rice.")
    passed = [c for c in result.tried if c.accepted]
    assert len({c.text for c in passed}) >= 2
    kept = max(passed, key=lambda c: c.score)
    assert result.output == kept.text and kept is not passed[0] and kept.score > passed[0].score
    assert protect.restore(result.output, shielded.slots, "ko")[0] == "영변의 상인들은 쌀 17,675톤을 팔았다."
    # The score is score_batch's log-likelihood per token, computed again here.
    (scored,) = engine.translator.score_batch([engine.encode(shielded.text)], [kept.tokens])
    assert kept.score == pytest.approx(sum(scored.log_probs) / len(scored.log_probs))


def test_suppress_sequences_keeps_a_forbidden_variant_out(engine, house):
    source = "Prices in Hyesan doubled on Monday."  # no glossary here: the model writes the name itself
    (first,) = engine.translate([source])
    assert "혜산" in first
    (result,) = redecode.redecode(engine, [redecode.Unit(source, first, [], forbidden=("혜산",))])
    assert result.constraint == "suppress" and result.output and "혜산" not in result.output
    assert ["혜", "산"] in redecode.suppressed(engine, ["혜산"])  # inside a word too
    assert redecode.suppressed(engine, ["\ue005"]) == []  # an unknown piece would suppress every placeholder
    # From the glossary: the variants of the sentence's terms in the target language, never the house form.
    shielded = protect.protect("Ri Sol-ju met officials.", "en", "ko", house)
    unit = redecode.unit(
        house, redecode.Sentence("Ri Sol-ju met officials.", shielded.text, "", shielded.slots), "en", "ko", ""
    )
    assert "이설주" in unit.forbidden and "리설주" not in unit.forbidden


def test_when_nothing_helps_the_first_output_stays(engine, house):
    first, result, shielded = second_try(engine, house, "Ri Sol-ju met officials from Hoeryong in Yongbyon.")
    assert result.candidates > 1 and not any(c.accepted for c in result.tried)
    assert not result.redecoded and protect.restore(result.output, shielded.slots, "ko")[0] == first


class _Counting:
    """The engine's own CTranslate2 translator, with the sources of each call written down."""

    def __init__(self, translator):
        self.translator = translator
        self.translated: list[list[str]] = []
        self.scored: list[list[str]] = []

    def translate_batch(self, source, *args, **kwargs):
        self.translated += source
        return self.translator.translate_batch(source, *args, **kwargs)

    def score_batch(self, source, *args, **kwargs):
        self.scored += source
        return self.translator.score_batch(source, *args, **kwargs)


def test_translate_mt_redecodes_only_what_lost_a_term_and_says_so(engine, house, ws: Path, run):
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    fine = "Prices doubled on Monday."
    hopeless = "Ri Sol-ju met officials from Hoeryong in Yongbyon."
    write_article(ws, "p.md", f"# {fine}\n\n{MANPO} {hopeless}\n")
    run("update")
    path = ws / "locales" / "ko" / "p.po"
    router = Router([engine.package], cache=ws / "cache")
    counting = router.engine(engine.package).translator = _Counting(engine.translator)
    report = prefill.fill([path], router, glossary=house)

    entries = {e.msgid: e for e in polib.pofile(str(path))}
    # A sentence whose output is fine is decoded once, and never scored.
    tokens = engine.encode(fine)
    assert counting.translated.count(tokens) == 1 and tokens not in counting.scored
    # The one a candidate mended says so in its provenance, which still reads as ours.
    mended = entries[MANPO]
    assert mended.msgstr == "월요일 만포의 물가가 두 배로 뛰었다." and mended.fuzzy
    mark = Provenance.of(mended)
    assert mark is not None and mark.engine == "argos" and mark.raw == mended.msgstr
    assert mark.issues == [
        "re-decoded with target_prefix after: lost manpo '만포' (placeholder 1); "
        "source mentions 'Manpo' (manpo); the translation should write '만포'"
    ]
    # The one nothing helped is reported as before: its losses, no word of re-decoding.
    left = Provenance.of(entries[hopeless])
    assert left.issues and not any(issue.startswith("re-decoded") for issue in left.issues)
    assert report.redecoded == 1 and report.issues == 1
    assert {f.rule for f in report.findings} == {"mt.lost-placeholder", "glossary.missing-term"}
    # The cache keeps the model's plain output, never a re-decoded one.
    (kept,) = (ws / "cache").glob("*.jsonl")
    outputs = [json.loads(line)["output"] for line in kept.read_text(encoding="utf-8").splitlines()]
    assert "월요일 무산의 물가가 두 배로 뛰었다." in outputs and not any("만포" in o for o in outputs)


def test_a_pivoted_pair_is_redecoded_on_its_last_hop_from_the_pivot_text(argos_dir, models, house):
    """ko→ja goes through English: the second try decodes English→Japanese again, from the English it had."""
    for pair in ("ko_en", "en_ja"):
        packages.install(models[pair])
    router = Router(cache=argos_dir.parent / "cache")
    source = "김여정이 혜산에서 말했다."
    shielded = protect.protect(source, "ko", "ja", house)
    (output,), hops = router.translate([shielded.text], "ko", "ja")
    cached = router.cached
    last, (given,) = router.last_hop([shielded.text], "ko", "ja")
    assert (last.package.from_code, last.package.to_code) == ("en", "ja") and last is router.engine(hops[1])
    assert router.cached == cached  # the pivot text again is nobody's second request
    assert [given] == router.engine(hops[0]).translate([shielded.text])
    (result,) = redecode.retry(last, [redecode.Sentence(source, given, output, shielded.slots)], "ko", "ja", house)
    assert result.output == output or all(slot.token in result.output for slot in shielded.slots)

"""The fast path: CTranslate2 with SentencePiece, batched, routed through pivots, equal to argostranslate."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require
from tests.support.corpus import PLACES, SENTENCES
from translate.errors import InputError
from translate.mt import packages
from translate.mt.engine import Engine, Router, Settings


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


def test_encode_prefix_and_decode_are_what_translate_does(argos_dir, models):
    """The small interface re-decoding builds on: tokens in, the translator, hypothesis tokens out."""
    engine = Engine(packages.install(models["en_ko"]))
    assert engine.package.kind == "argos" and engine.prefix() is None
    assert engine.encode("Rice.") == engine.tokenizer.encode("Rice.", out_type=str)
    results = engine.translator.translate_batch(
        [engine.encode(s) for s in SENTENCES],
        beam_size=engine.settings.beam_size,
        length_penalty=engine.length_penalty,
        replace_unknowns=True,
    )
    assert engine.length_penalty == 0.2  # Argos Translate's
    assert [engine.decode(r.hypotheses[0]) for r in results] == engine.translate(SENTENCES)


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


REFERENCE_PYTHON = os.environ.get("ARGOS_REFERENCE_PYTHON", str(Path(__file__).parents[2] / ".venv-argos/bin/python"))


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
    reference = Path(__file__).parents[2] / "scripts" / "argos_reference.py"
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


def test_the_copy_model_copies_text_and_unknown_placeholders(argos_dir, copy_model):
    engine = Engine(packages.install(copy_model))
    sentences = [*SENTENCES, "\ue001 met traders in \ue002.", "See [KCNA]\ue003 for {4}."]
    assert engine.translate(sentences) == sentences

"""A small trained model (tests/data/tiny-en_ko.argosmodel): real translations, real mistakes.

scripts/train_tiny_model.py made it from templated newsroom sentences; some
names were held out of training, so the model cannot know them. Random models
show the code path works; this one shows what protection and QA do with the
output of a model that learned something, including its mistakes.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, write_article
from translate.catalog.notes import Provenance
from translate.mt import packages
from translate.mt.engine import Engine
from translate.quality import signals

MODEL = ROOT / "tests" / "data" / "tiny-en_ko.argosmodel"
_spec = importlib.util.spec_from_file_location("train_tiny_model", ROOT / "scripts" / "train_tiny_model.py")
trainer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trainer)


@pytest.fixture
def engine(tmp_path, monkeypatch) -> Engine:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    return Engine(packages.install(MODEL))


def test_it_translates_sentences_of_the_kinds_it_learned(engine):
    """New sentences from the training templates and names: most come out exactly right."""
    pairs = trainer.pairs(random.Random(99), 100, trainer.known(trainer.PEOPLE), trainer.known(trainer.PLACES))
    outputs = engine.translate([source for source, _ in pairs])
    exact = sum(out == reference for out, (_, reference) in zip(outputs, pairs, strict=True))
    assert exact >= 40, f"{exact}/100"


def test_the_numbers_signal_fires_exactly_where_the_model_changed_a_number(engine):
    sources = [
        f"Traders in {place} sold {n} tons of rice." for place in ("Nampo", "Rason", "Musan") for n in (123, 4816, 75)
    ]
    outputs = engine.translate(sources)
    changed = [
        re.findall(r"\d+", s) != re.findall(r"\d+", o.replace(",", "")) for s, o in zip(sources, outputs, strict=True)
    ]
    fired = ["numbers" in signals.signals(s, o, "en", "ko") for s, o in zip(sources, outputs, strict=True)]
    assert fired == [
        c and any(int(n) >= 10 for n in re.findall(r"\d+", s)) for c, s in zip(changed, sources, strict=True)
    ]
    assert any(fired)  # the model gets numbers wrong, as small models do


def test_names_it_never_saw_come_out_in_house_form_or_flagged(engine, ws, run, monkeypatch):
    """Through `translate mt`: a held-out name is either written in its house form or listed as lost."""
    import shutil

    shutil.copytree(ROOT / "glossary", ws / "glossary")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(Path(engine.package.path).parent))
    (ws / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko"]\n', encoding="utf-8")
    write_article(
        ws,
        "visit.md",
        "# Ri Sol-ju in Manpo\n\nRi Sol-ju visited Manpo on Monday. Traders in Hoeryong sold 4,200 tons of rice.\n\n"
        "Pak Pong-ju met officials from Yongbyon in Hyesan.\n",
    )
    run("update")
    code, out, _ = run("mt", "--json")
    assert code == 0
    house = {"Ri Sol-ju": "리설주", "Manpo": "만포", "Hoeryong": "회령", "Pak Pong-ju": "박봉주", "Yongbyon": "영변"}
    flagged = 0
    for entry in polib.pofile(str(ws / "locales/ko/visit.po")):
        mark = Provenance.of(entry)
        issues = " ".join(mark.issues or [])
        for name, korean in house.items():
            if name in entry.msgid and korean not in entry.msgstr:
                assert korean in issues, (entry.msgid, entry.msgstr, issues)  # never silently wrong
                flagged += 1
    assert flagged and json.loads(out)["issues"] > 0

"""Argos packages built here (real format: SentencePiece + CTranslate2), installed and run."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from translate.errors import InputError
from translate.mt import builder, packages
from translate.mt.engine import Engine, Router, Settings

CORPUS = [
    "Kim Yo-jung issued a statement on Tuesday.",
    "Traders in Hyesan said rice prices doubled.",
    "The border guards took a share of everything.",
    "김여정이 화요일 담화를 발표했다.",
    "혜산의 상인들은 쌀값이 두 배로 올랐다고 말했다.",
    "金与正氏は火曜日に談話を発表した。",
    "恵山の商人たちは米の値段が倍になったと話した。",
] * 30

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


def test_batched_fast_path_equals_one_sentence_at_a_time(argos_dir, models):
    package = packages.install(models["en_ko"])
    engine = Engine(package, Settings(max_batch_size=3))
    batched = engine.translate(SENTENCES)
    single = [Engine(package, Settings(max_batch_size=1)).translate([s])[0] for s in SENTENCES]
    assert batched == single
    assert all(isinstance(t, str) and t for t in batched)
    assert engine.translate([]) == []


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

"""Converted OPUS-MT, NLLB-200 and M2M-100 models: tokens as their Hugging Face tokenizers make them, config, cache.

The models are tiny and random, built by transformers and converted by CTranslate2's own converter in
.venv-argos (tests/support/hf_models.py), then loaded here by translate's Engine, the code a user's model takes.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, require, write_article
from tests.support.hf_models import TEXT
from translate.catalog.workspace import Workspace
from translate.errors import InputError
from translate.mt import models
from translate.mt import models as models_module  # where a fixture named models shadows it
from translate.mt.engine import Engine, Router, Settings

PYTHON = Path(os.environ.get("ARGOS_REFERENCE_PYTHON", str(ROOT / ".venv-argos/bin/python")))
BUILDER = ROOT / "tests" / "support" / "hf_models.py"
#: (model, from, to) translated both ways: by the Engine, and by the Hugging Face tokenizer around CTranslate2.
PLAN = [
    ("opus-mt-ko-en", "ko", "en"),
    ("opus-mt-en-ja", "en", "ja"),
    *((name, src, tgt) for name in ("nllb-200-tiny", "m2m100-tiny") for src, tgt in (("ko", "en"), ("en", "ja"))),
    *((name, src, tgt) for name in ("nllb-200-tiny", "m2m100-tiny") for src, tgt in (("ja", "ko"), ("en", "ko"))),
]
#: One sentence each with a piece the models never saw ("Q", "ㅋ", "ゑ"): its token differs, see test 1.
SENTENCES = {lang: [*lines, {"en": "Quiet.", "ko": "ㅋ 시장.", "ja": "ゑ市場。"}[lang]] for lang, lines in TEXT.items()}
ARTICLE = """\
---
title: Traders in Hyesan said rice prices doubled.
---

Kim Yo-jung issued a statement on Tuesday. The border guards took a share of everything.
"""


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict:
    """Every layout, converted; and what the Hugging Face tokenizers make of PLAN, computed once in .venv-argos."""
    require(PYTHON.exists(), f"{PYTHON} missing: scripts/test creates .venv-argos")
    has = subprocess.run([str(PYTHON), "-c", "import transformers"], capture_output=True, check=False)
    require(has.returncode == 0, f"transformers missing in {PYTHON}: scripts/test installs it")
    folder = tmp_path_factory.mktemp("hf_models")
    plan = [
        {
            "name": name,
            "from": src,
            "to": tgt,
            "sentences": SENTENCES[src],
            "beam_size": Settings().beam_size,
            "length_penalty": models.DEFAULT_LENGTH_PENALTY,
        }
        for name, src, tgt in PLAN
    ]
    done = subprocess.run(
        [str(PYTHON), str(BUILDER), "build-and-reference", str(folder)],
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answer = json.loads(done.stdout)
    layouts, answers = answer["layouts"], answer["reference"]
    return {"layouts": layouts, "reference": {plan: answer for plan, answer in zip(PLAN, answers, strict=True)}}


def _model(built: dict, name: str) -> models.Model:
    layout = built["layouts"][name]
    return models.Model(name, layout["kind"], Path(layout["path"]))


def _vocabulary(folder: str) -> frozenset[str]:
    return models.vocabulary(Path(folder) / "shared_vocabulary.json")


@pytest.mark.parametrize("plan", PLAN, ids=lambda p: f"{p[0]}:{p[1]}-{p[2]}")
def test_each_layout_gives_ctranslate2_the_tokens_its_hugging_face_tokenizer_makes(built, plan):
    name, src, tgt = plan
    engine = Engine(models_module.hop(_model(built, name), src, tgt), Settings(inter_threads=1))
    theirs = built["reference"][plan]
    vocabulary = _vocabulary(built["layouts"][name]["path"])
    ours = [engine.encode(s) for s in SENTENCES[src]]
    # Pieces outside the vocabulary go in as they are (the model sees <unk> either way; replace_unknowns can
    # copy them); the Hugging Face tokenizer writes <unk> for them. Otherwise the tokens are the same.
    assert [[t if t in vocabulary else "<unk>" for t in tokens] for tokens in ours] == theirs["sources"]
    assert ours[:-1] == theirs["sources"][:-1] and ours[-1] != theirs["sources"][-1]
    outputs = engine.translate(SENTENCES[src])
    assert outputs[:-1] == theirs["texts"][:-1]
    assert [engine.decode(h) for h in theirs["hypotheses"]] == theirs["texts"]  # prefix and special tokens dropped
    assert len(set(outputs)) > 1 and all(outputs)
    if engine.prefix():
        assert engine.prefix() == [{"nllb": models.NLLB_CODES[tgt], "m2m100": f"__{tgt}__"}[engine.package.kind]]
        assert all(h[0] == engine.prefix()[0] for h in theirs["hypotheses"])


def test_one_multilingual_model_serves_every_pair_named_with_one_load(built):
    nllb = _model(built, "nllb-200-tiny")
    choices = models.Choices((nllb,), (("ja", "ko", nllb.name), ("ko", "en", nllb.name), ("en", "ja", nllb.name)))
    router = Router(packages=[], choices=choices)
    out, hops = router.translate(SENTENCES["ja"][:2], "ja", "ko")
    assert [h.pair for h in hops] == ["ja→ko"] and hops[0].kind == "nllb" and hops[0].signature == "nllb-200-tiny"
    assert out == built["reference"]["nllb-200-tiny", "ja", "ko"]["texts"][:2]
    assert [h.pair for h in router.chain("ko", "ja")] == ["ko→en", "en→ja"]  # not named: through English, same model
    out, _ = router.translate(SENTENCES["ko"][:2], "ko", "en")
    assert out == built["reference"]["nllb-200-tiny", "ko", "en"]["texts"][:2]
    first, second = (router.engine(models_module.hop(nllb, *pair)) for pair in (("ja", "ko"), ("ko", "en")))
    assert first.translator is second.translator and len(router._translators) == 1
    assert first.cache_key() != second.cache_key()


def test_pairs_not_named_keep_argos_and_a_pivot_may_mix_named_legs(built):
    opus = _model(built, "opus-mt-ko-en")
    m2m = _model(built, "m2m100-tiny")
    choices = models.Choices((opus, m2m), (("ko", "en", opus.name), ("en", "ja", m2m.name)))
    router = Router(packages=[], choices=choices)
    hops = router.chain("ko", "ja")
    assert [(h.pair, h.kind) for h in hops] == [("ko→en", "opus-mt"), ("en→ja", "m2m100")]
    with pytest.raises(InputError, match=r"no model for ja→en: install translate-ja_en"):
        router.chain("ja", "en")
    out, _ = router.translate(SENTENCES["ko"][:2], "ko", "ja")
    english = Engine(models_module.hop(opus, "ko", "en")).translate(SENTENCES["ko"][:2])
    assert out == Engine(models_module.hop(m2m, "en", "ja")).translate(english)


def test_cache_key_follows_model_files_layout_and_language_tokens(built, tmp_path):
    keys = {
        (name, src, tgt): Engine(models_module.hop(_model(built, name), src, tgt)).cache_key()
        for name, src, tgt in [("nllb-200-tiny", "ko", "en"), ("nllb-200-tiny", "ja", "en"), *PLAN[:3]]
    }
    keys["m2m100-tiny", "ko", "en"] = Engine(models_module.hop(_model(built, "m2m100-tiny"), "ko", "en")).cache_key()
    assert len(set(keys.values())) == len(keys)
    nllb = _model(built, "nllb-200-tiny")
    assert Engine(models_module.hop(nllb, "ko", "en")).cache_key() == keys["nllb-200-tiny", "ko", "en"]
    spm = Path(nllb.path) / "sentencepiece.bpe.model"
    stat = spm.stat()
    os.utime(spm, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a replaced tokenizer file
    assert Engine(models_module.hop(nllb, "ko", "en")).cache_key() != keys["nllb-200-tiny", "ko", "en"]
    renamed = models.Model("nllb-other", "nllb", Path(nllb.path))
    assert Engine(models_module.hop(renamed, "ko", "en")).cache_key() != keys["nllb-200-tiny", "ko", "en"]


def test_translate_mt_fills_a_workspace_from_the_models_translate_toml_names(built, ws, run, monkeypatch, tmp_path):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-argos"))
    layouts = built["layouts"]
    (ws / "translate.toml").write_text(
        '[workspace]\nlanguages = ["en", "ko", "ja"]\n'
        f'[mt.models.nllb]\nkind = "nllb"\npath = "{layouts["nllb-200-tiny"]["path"]}"\n'
        f'[mt.models.opus-en-ja]\nkind = "opus-mt"\npath = "{layouts["opus-mt-en-ja"]["path"]}"\n'
        'licence = "CC-BY-4.0 (Tatoeba)"\n'
        '[mt.pairs]\n"en-ko" = "nllb"\n"en-ja" = "opus-en-ja"\n',
        encoding="utf-8",
    )
    write_article(ws, "prices.md", ARTICLE)
    assert run("update")[0] == 0
    code, out, err = run("mt", "--json", "--no-tm", "--no-glossary")
    assert code == 0, err
    assert json.loads(out)["pairs"] == {"en→ko": ["nllb"], "en→ja": ["opus-en-ja"]}
    expected = {"ko": ("nllb-200-tiny", "nllb"), "ja": ("opus-mt-en-ja", "opus-en-ja")}
    for lang, (built_name, name) in expected.items():
        reference = built["reference"][built_name, "en", lang]
        by_source = dict(zip(SENTENCES["en"], reference["texts"], strict=True))
        entries = [e for e in polib.pofile(str(ws / f"locales/{lang}/prices.po")) if e.msgid]
        assert len(entries) == 3
        for entry in entries:
            assert entry.fuzzy and entry.msgstr == by_source[entry.msgid]
            mark = json.loads(entry.tcomment.split("translate-mt: ", 1)[1])
            assert mark["packages"] == [name] and mark["raw"] == entry.msgstr

    code, out, _ = run("models", "list", "--json")
    listing = json.loads(out)
    shown = {m["name"]: (m["kind"], m["pairs"], m["licence"], m["broken"]) for m in listing["models"]}
    assert shown == {
        "nllb": ("nllb", ["en→ko"], "CC-BY-NC-4.0", None),
        "opus-en-ja": ("opus-mt", ["en→ja"], "CC-BY-4.0 (Tatoeba)", None),
    }
    pairs = {(p["from"], p["to"]): p for p in listing["pairs"]}
    assert pairs["en", "ko"]["models"] == ["nllb"] and pairs["en", "ko"]["via"] == []
    assert not pairs["ko", "en"]["available"]
    code, out, _ = run("models", "list")
    assert "nllb (nllb, licence: CC-BY-NC-4.0): en→ko" in out and "  en→ja: direct (opus-en-ja)" in out


def test_licences_default_per_kind_and_argos_metadata_says_its_own(argos_dir, models_with_licence, run, ws):
    _, out, _ = run("models", "list", "--json")
    licences = {m["name"]: m["licence"] for m in json.loads(out)["models"]}
    assert licences == {"with licence 1.0": "MIT", "without 1.0": "unknown"}
    _, out, _ = run("models", "list")
    assert "(licence: MIT)" in out and "(licence: unknown)" in out
    assert {kind: models.Model("m", kind, Path("x")).shown_licence for kind in models.KINDS} == {
        "argos": "unknown",
        "opus-mt": "CC-BY-4.0",
        "nllb": "CC-BY-NC-4.0",
        "m2m100": "MIT",
    }


@pytest.fixture
def models_with_licence(argos_dir) -> Path:
    """Two installed Argos packages by hand (metadata only matters here): one names its licence."""
    for folder, name, licence in (("a", "with licence", "MIT"), ("b", "without", None)):
        root = argos_dir / folder
        (root / "model").mkdir(parents=True)
        data = {"from_code": "en", "to_code": "ko" if folder == "a" else "ja", "package_name": name}
        data |= {"package_version": "1.0"} | ({"license": licence} if licence else {})
        (root / "metadata.json").write_text(json.dumps(data), encoding="utf-8")
    return argos_dir


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("[mt]\nmodel = {}\n", "unknown setting 'model' in [mt] (did you mean 'models'?)"),
        (
            '[mt.models.x]\nkind = "marian"\npath = "m"\n',
            "[mt.models.x] kind must be one of argos, opus-mt, nllb, m2m100, not 'marian' (did you mean 'opus-mt'?)",
        ),
        ('[mt.models.x]\nkind = "nllb"\n', "[mt.models.x] path must be the model's folder (a string), not missing"),
        (
            '[mt.models.x]\nkind = "nllb"\npath = "m"\nlicense = "MIT"\n',
            "unknown setting 'license' in [mt.models.x] (did you mean 'licence'?)",
        ),
        ('[mt.models.x]\nkind = "nllb"\npath = "m"\nlicence = 4\n', "[mt.models.x] licence must be a string"),
        (
            '[mt.pairs]\n"ko-en" = "nllb"\n',
            "[mt.pairs] 'ko-en' names 'nllb', which is not a model of [mt.models] (none is defined)",
        ),
        (
            '[mt.models.x]\nkind = "nllb"\npath = "m"\n[mt.pairs]\n"kr-en" = "x"\n',
            "[mt.pairs] 'kr-en' is not a language pair: unknown language code 'kr': did you mean 'ko'?",
        ),
        (
            '[mt.models.x]\nkind = "nllb"\npath = "m"\n[mt.pairs]\nkoen = "x"\n',
            """[mt.pairs] 'koen' must be two language codes joined by "-\"""",
        ),
        (
            '[mt.models.x]\nkind = "nllb"\npath = "m"\n[mt.pairs]\n"ko-ko" = "x"\n',
            "[mt.pairs] 'ko-ko' translates a language into itself",
        ),
        (
            '[mt.models.x]\nkind = "nllb"\npath = "m"\n[mt.pairs]\n"ko-en" = 3\n',
            "[mt.pairs] 'ko-en' must name a model of [mt.models] (a string), not a number (3)",
        ),
        (
            '[mt.models.x]\nkind = "nllb"\npath = "m"\n[mt.pairs]\n"ko-sw" = "x"\n',
            "[mt.pairs] 'ko-sw': model 'x': no NLLB-200 code for 'sw'",
        ),
        (
            '[mt.models.x]\nkind = "opus-mt"\npath = "m"\n[mt.pairs]\n"ko-en" = "x"\n"en-ko" = "x"\n',
            "[mt.pairs] names the opus-mt model 'x' for ko-en, en-ko, but it translates one direction only",
        ),
    ],
)
def test_a_wrong_mt_setting_is_named_with_its_key(ws, run, config, expected):
    (ws / "translate.toml").write_text(config, encoding="utf-8")
    code, out, err = run("models", "list")
    assert code == 2 and out == ""
    assert err.startswith("translate: error: translate.toml") and expected in err, err


def test_nllb_codes_can_be_added_and_argos_stays_the_default(ws):
    (ws / "translate.toml").write_text(
        '[workspace]\nlanguages = ["en", "sw"]\n[mt.models.x]\nkind = "nllb"\npath = "~/m"\ncodes = {sw = "swh_Latn"}\n'
        '[mt.pairs]\n"en-sw" = "x"\n"sw-en" = "argos"\n',
        encoding="utf-8",
    )
    choices = Workspace.load(ws).mt
    assert choices.pairs == (("en", "sw", "x"),)
    hop = models_module.step(choices, "en", "sw")
    assert (hop.source_prefix, hop.target_prefix, hop.path) == ("eng_Latn", "swh_Latn", Path.home() / "m")
    assert "/" not in repr(choices.models[0]).replace("~/m", "")  # settings read the same wherever the workspace is


def test_a_converted_folder_missing_a_file_or_a_language_says_which(built, tmp_path):
    opus = Path(built["layouts"]["opus-mt-en-ja"]["path"])
    copy = tmp_path / "opus"
    copy.mkdir()
    for name in ("model.bin", "config.json", "shared_vocabulary.json", "source.spm"):
        (copy / name).write_bytes((opus / name).read_bytes())
    with pytest.raises(InputError, match=r"target\.spm missing \(ct2-transformers-converter --copy_files source\.spm"):
        Router(packages=[], choices=models.Choices((models.Model("o", "opus-mt", copy),), (("en", "ja", "o"),))).chain(
            "en", "ja"
        )
    m2m_as_nllb = models.Model("n", "nllb", Path(built["layouts"]["m2m100-tiny"]["path"]))
    with pytest.raises(InputError, match=r"model 'n' \(nllb\) has no language token 'kor_Hang'") as caught:
        Engine(models_module.hop(m2m_as_nllb, "ko", "en"))
    assert caught.value.path.endswith("m2m100-tiny/shared_vocabulary.json")
    with pytest.raises(InputError, match=r"model 'g' \(m2m100\): no such folder"):
        models.check(models_module.hop(models.Model("g", "m2m100", tmp_path / "gone"), "ko", "en"))


def test_an_argos_package_folder_can_be_named_for_its_own_pair_only(argos_dir, models, tmp_path):
    from translate.mt import packages

    package = packages.install(models["en_ko"])
    named = models_module.Model("house", "argos", package.path, licence="CC0-1.0")
    router = Router(packages=[], choices=models_module.Choices((named,), (("en", "ko", "house"),)))
    [hop] = router.chain("en", "ko")
    assert (hop.kind, hop.signature, hop.licence) == ("argos", package.signature, "CC0-1.0")
    assert router.translate(["Rice."], "en", "ko")[0] == Engine(package).translate(["Rice."])
    wrong = models_module.Choices((named,), (("ko", "en", "house"),))
    with pytest.raises(InputError, match=r"'house' is an Argos package for en→ko, but \[mt.pairs\] names it for ko→en"):
        Router(packages=[], choices=wrong).chain("ko", "en")


def test_the_readme_example_configuration_reads_as_documented(ws):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("#### Other engines") :]
    example = section[section.index("```toml\n") + 8 : section.index("```", section.index("```toml\n") + 8)]
    (ws / "translate.toml").write_text(example, encoding="utf-8")
    choices = Workspace.load(ws).mt
    assert choices.pairs == (("ko", "en", "opus-ko-en"), ("en", "ko", "nllb"), ("ja", "ko", "nllb"))
    assert [(m.name, m.kind, m.shown_licence) for m in choices.models] == [
        ("opus-ko-en", "opus-mt", "CC-BY-4.0"),
        ("nllb", "nllb", "CC-BY-NC-4.0"),
    ]
    assert models_module.step(choices, "ja", "ko").path == ws / "models/nllb-600M"

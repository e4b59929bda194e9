"""Tiny random Hugging Face translation models in each real layout, converted by CTranslate2's own converter.

Run with the Python of .venv-argos (it has torch, transformers and ctranslate2); the main environment needs
none of them::

    .venv-argos/bin/python tests/support/hf_models.py build OUT          # builds OUT/<name>/ and OUT/built.json
    .venv-argos/bin/python tests/support/hf_models.py reference < requests.json    # a JSON list of requests
    .venv-argos/bin/python tests/support/hf_models.py build-and-reference OUT < plan.json   # both, one process

``build`` makes, for every layout a user's converted model comes in, the Hugging Face model (random weights,
d_model 16, one layer each side), its real tokenizer files (MarianTokenizer's vocab.json and .spm files,
NllbTokenizer's and M2M100Tokenizer's sentencepiece.bpe.model), then runs
``ctranslate2.converters.TransformersConverter`` on it exactly as ``ct2-transformers-converter --copy_files``
does. ``reference`` translates sentences the independent way, as CTranslate2's documentation shows: the Hugging
Face tokenizer makes the source tokens, ``translate_batch`` runs, the tokenizer decodes (special tokens skipped,
as the translation pipeline does). The tests compare that with translate's own Engine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: What the tiny models learn their SentencePiece pieces from.
TEXT = {
    "en": [
        "Kim Yo-jung issued a statement on Tuesday.",
        "Traders in Hyesan said rice prices doubled.",
        "The border guards took a share of everything.",
        "Officials in Pyongyang did not answer questions about the market.",
    ],
    "ko": [
        "김여정이 화요일 담화를 발표했다.",
        "혜산의 상인들은 쌀값이 두 배로 올랐다고 말했다.",
        "국경 경비대는 모든 것의 몫을 챙겼다.",
        "평양의 관리들은 시장에 관한 질문에 답하지 않았다.",
    ],
    "ja": [
        "金与正氏は火曜日に談話を発表した。",
        "恵山の商人たちは米の値段が倍になったと話した。",
        "国境警備隊はあらゆるものの分け前を取った。",
        "平壌の当局者は市場についての質問に答えなかった。",
    ],
}
NLLB_CODES = {"en": "eng_Latn", "ko": "kor_Hang", "ja": "jpn_Jpan"}
TINY = {"d_model": 16, "layers": 1, "heads": 2, "ffn": 32, "positions": 512}


def _spm(prefix: Path, lines: list[str], vocab_size: int, model_type: str, **extra) -> Path:
    """A SentencePiece model trained on a few sentences (hard_vocab_limit off: the text is tiny)."""
    import sentencepiece

    text = Path(f"{prefix}.txt")
    text.write_text("\n".join(lines * 5) + "\n", encoding="utf-8")
    sentencepiece.SentencePieceTrainer.train(
        input=str(text),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type=model_type,
        hard_vocab_limit=False,
        character_coverage=1.0,
        minloglevel=2,
        **extra,
    )
    text.unlink()
    Path(f"{prefix}.vocab").unlink()
    return Path(f"{prefix}.model")


def _pieces(model: Path) -> list[str]:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(model))
    return [
        sp.id_to_piece(i)
        for i in range(sp.get_piece_size())
        if not (sp.is_control(i) or sp.is_unknown(i) or sp.is_unused(i))
    ]


def _seed(seed: int) -> None:
    import torch

    torch.manual_seed(seed)


def marian(folder: Path, src: str, tgt: str, seed: int) -> Path:
    """An OPUS-MT model as the Hub has them: vocab.json (pieces of both sides), source.spm, target.spm."""
    import transformers

    folder.mkdir(parents=True)
    source = _spm(folder / "source", TEXT[src], 80, "unigram")
    target = _spm(folder / "target", TEXT[tgt], 80, "unigram")
    source.rename(folder / "source.spm")
    target.rename(folder / "target.spm")
    tokens = ["</s>", "<unk>", *_pieces(folder / "source.spm"), *_pieces(folder / "target.spm")]
    vocab = {token: i for i, token in enumerate(dict.fromkeys(tokens))}
    vocab["<pad>"] = len(vocab)  # last, as in every opus-mt vocab.json; the converter drops it
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = transformers.MarianTokenizer(
        str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json"), src, tgt
    )
    config = transformers.MarianConfig(
        vocab_size=len(vocab),
        d_model=TINY["d_model"],
        encoder_layers=TINY["layers"],
        decoder_layers=TINY["layers"],
        encoder_attention_heads=TINY["heads"],
        decoder_attention_heads=TINY["heads"],
        encoder_ffn_dim=TINY["ffn"],
        decoder_ffn_dim=TINY["ffn"],
        max_position_embeddings=TINY["positions"],
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=vocab["</s>"],
    )
    _seed(seed)
    transformers.MarianMTModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def m2m100(folder: Path, seed: int) -> Path:
    """An M2M-100 model: fairseq's vocab.json over sentencepiece.bpe.model, __ko__-style language tokens."""
    import transformers

    folder.mkdir(parents=True)
    spm = _spm(folder / "sentencepiece.bpe", [line for lines in TEXT.values() for line in lines], 160, "bpe")
    tokens = ["<s>", "<pad>", "</s>", "<unk>", *_pieces(spm)]
    vocab = {token: i for i, token in enumerate(dict.fromkeys(tokens))}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES

    # The Hub's special_tokens_map.json lists the language tokens; the tokenizer's own default list stays empty.
    languages = [f"__{code}__" for code in FAIRSEQ_LANGUAGE_CODES["m2m100"]]
    tokenizer = transformers.M2M100Tokenizer(
        str(folder / "vocab.json"), str(spm), src_lang="en", tgt_lang="ko", additional_special_tokens=languages
    )
    return _fairseq(folder, tokenizer, len(tokenizer) + tokenizer.num_madeup_words, seed)


def nllb(folder: Path, seed: int) -> Path:
    """An NLLB-200 model: sentencepiece.bpe.model with fairseq's id offset, kor_Hang-style language tokens."""
    import transformers

    folder.mkdir(parents=True)
    spm = _spm(folder / "sentencepiece.bpe", [line for lines in TEXT.values() for line in lines], 160, "bpe")
    tokenizer = transformers.NllbTokenizer.from_pretrained(str(folder), src_lang="eng_Latn", tgt_lang="kor_Hang")
    assert spm.exists()
    return _fairseq(folder, tokenizer, len(tokenizer), seed)


def _fairseq(folder: Path, tokenizer, vocab_size: int, seed: int) -> Path:
    import transformers

    config = transformers.M2M100Config(
        vocab_size=vocab_size,
        d_model=TINY["d_model"],
        encoder_layers=TINY["layers"],
        decoder_layers=TINY["layers"],
        encoder_attention_heads=TINY["heads"],
        decoder_attention_heads=TINY["heads"],
        encoder_ffn_dim=TINY["ffn"],
        decoder_ffn_dim=TINY["ffn"],
        max_position_embeddings=TINY["positions"],
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
    )
    _seed(seed)
    transformers.M2M100ForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def convert(hf: Path, out: Path, copy_files: list[str]) -> Path:
    """What ``ct2-transformers-converter --model HF --output_dir OUT --copy_files …`` writes."""
    from ctranslate2.converters import TransformersConverter

    TransformersConverter(str(hf), copy_files=copy_files).convert(str(out), quantization="int8")
    return out


#: name → (kind, how to build, files copied next to model.bin, languages)
MODELS = {
    "opus-mt-ko-en": ("opus-mt", lambda f: marian(f, "ko", "en", 1), ["source.spm", "target.spm"], ("ko", "en")),
    "opus-mt-en-ja": ("opus-mt", lambda f: marian(f, "en", "ja", 2), ["source.spm", "target.spm"], ("en", "ja")),
    "nllb-200-tiny": ("nllb", lambda f: nllb(f, 3), ["sentencepiece.bpe.model"], ("en", "ko", "ja")),
    "m2m100-tiny": ("m2m100", lambda f: m2m100(f, 4), ["sentencepiece.bpe.model"], ("en", "ko", "ja")),
}


def build(out: Path) -> dict:
    """Every layout under ``out``: the Hugging Face model in hf/<name>, its conversion in <name>."""
    built = {}
    for name, (kind, make, copy_files, langs) in MODELS.items():
        hf = make(out / "hf" / name)
        convert(hf, out / name, copy_files)
        built[name] = {"kind": kind, "path": str(out / name), "hf": str(hf), "languages": list(langs)}
    (out / "built.json").write_text(json.dumps(built, indent=1), encoding="utf-8")
    return built


def _tokenizer(kind: str, hf: str, src: str, tgt: str):
    import transformers

    if kind == "nllb":
        return transformers.AutoTokenizer.from_pretrained(hf, src_lang=NLLB_CODES[src], tgt_lang=NLLB_CODES[tgt])
    if kind == "m2m100":
        return transformers.AutoTokenizer.from_pretrained(hf, src_lang=src, tgt_lang=tgt)
    return transformers.AutoTokenizer.from_pretrained(hf)


def reference(requests: list[dict]) -> list[dict]:
    """Per request: the source tokens, hypothesis tokens and text, from the Hugging Face tokenizer around CTranslate2.

    A request names the model (``kind``, ``hf``, ``path``), the pair (``from``, ``to``), the ``sentences`` and
    the decoding (``beam_size``, ``length_penalty``); CTranslate2's defaults otherwise, unknowns replaced.
    """
    import ctranslate2

    answers = []
    translators: dict[str, ctranslate2.Translator] = {}
    for request in requests:
        kind, src, tgt = request["kind"], request["from"], request["to"]
        tokenizer = _tokenizer(kind, request["hf"], src, tgt)
        sources = [tokenizer.convert_ids_to_tokens(tokenizer(s)["input_ids"]) for s in request["sentences"]]
        prefix = {"nllb": NLLB_CODES[tgt], "m2m100": f"__{tgt}__"}.get(kind)
        if request["path"] not in translators:
            translators[request["path"]] = ctranslate2.Translator(request["path"], device="cpu", compute_type="int8")
        results = translators[request["path"]].translate_batch(
            sources,
            target_prefix=[[prefix]] * len(sources) if prefix else None,
            beam_size=request["beam_size"],
            length_penalty=request["length_penalty"],
            replace_unknowns=True,
        )
        hypotheses = [r.hypotheses[0] for r in results]
        texts = [
            tokenizer.decode(
                tokenizer.convert_tokens_to_ids(h), skip_special_tokens=True, clean_up_tokenization_spaces=False
            )
            for h in hypotheses
        ]
        answers.append({"sources": sources, "hypotheses": hypotheses, "texts": texts})
    return answers


if __name__ == "__main__":
    import warnings

    warnings.filterwarnings("ignore")
    if sys.argv[1:2] == ["build"]:
        json.dump(build(Path(sys.argv[2])), sys.stdout)
    elif sys.argv[1:2] == ["build-and-reference"]:  # one process, one import of torch: the tests' way
        plan, layouts = json.load(sys.stdin), build(Path(sys.argv[2]))
        answers = reference([{**layouts[request["name"]], **request} for request in plan])
        json.dump({"layouts": layouts, "reference": answers}, sys.stdout, ensure_ascii=False)
    elif sys.argv[1:2] == ["reference"]:
        json.dump(reference(json.load(sys.stdin)), sys.stdout, ensure_ascii=False)
    else:
        sys.exit("usage: hf_models.py build OUT | reference < requests.json | build-and-reference OUT < plan.json")

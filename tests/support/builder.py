"""Build a small, real-format Argos package: SentencePiece + CTranslate2 Transformer, zipped.

No model can be downloaded here, so tests and benchmarks build one: a
SentencePiece model trained on text we give it and a randomly initialised
CTranslate2 Transformer (numpy only, no torch), saved int8 like Argos models,
with metadata.json, in a zip with one top-level folder. The output is noise,
but it takes every step a user's installed model takes.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path


def build(
    out: Path,
    from_code: str,
    to_code: str,
    corpus: Iterable[str],
    *,
    layers: tuple[int, int] = (2, 2),
    d_model: int = 64,
    heads: int = 4,
    ffn: int = 128,
    vocab_size: int = 300,
    seed: int = 0,
    version: str = "1.0",
    scale: float = 1.0,
    stop_after: int | None = None,
) -> Path:
    import numpy as np
    from ctranslate2.specs import transformer_spec

    model, vocab = sentencepiece_model(corpus, vocab_size)
    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    rng = np.random.default_rng(seed)
    shapes = {
        "embeddings": (len(vocab), d_model),
        "projection": (len(vocab), d_model),
        "self_attention/linear_0": (3 * d_model, d_model),
        "self_attention/linear_1": (d_model, d_model),
        "attention/linear_0": (d_model, d_model),
        "attention/linear_1": (2 * d_model, d_model),
        "attention/linear_2": (d_model, d_model),
        "ffn/linear_0": (ffn, d_model),
        "ffn/linear_1": (d_model, ffn),
    }
    for name, value in spec.variables(ordered=True):
        if value is not None:
            continue
        if name.endswith("layer_norm/gamma"):
            array = np.ones(d_model, dtype=np.float32)
        elif name.endswith("layer_norm/beta"):
            array = np.zeros(d_model, dtype=np.float32)
        else:
            key = next(k for k in shapes if k in name)
            # Large enough weights give peaked output distributions, as a trained model has:
            # with near-uniform ones, beam search turns on rounding noise.
            array = (rng.standard_normal(shapes[key]) * scale / np.sqrt(shapes[key][1])).astype(np.float32)
        _set(spec, name, array)
    if stop_after:
        _stop_after(spec, stop_after, d_model, vocab.index("</s>"))
    name = f"test {from_code}-{to_code} ({d_model}d, {layers[0]}+{layers[1]} layers, random)"
    return package(out, spec, vocab, model, from_code, to_code, version, name)


def build_base(out: Path, corpus: Iterable[str]) -> Path:
    """The benchmarks' en→ko package of Transformer-base size (6+6 layers, d_model 512, 8 heads, FFN 2048,
    8,000 pieces, int8) whose decoder stops after about 28 tokens, as a trained one would."""
    return build(
        out, "en", "ko", corpus, layers=(6, 6), d_model=512, heads=8, ffn=2048, vocab_size=8000, seed=1, stop_after=28
    )


def build_copy(out: Path, from_code: str, to_code: str, corpus: Iterable[str], version: str = "1.0") -> Path:
    """A package whose model copies its input, built by hand rather than trained.

    One-hot token embeddings and one-hot positions in separate dimensions; the
    decoder's cross-attention matches its position against the source
    positions, so step t attends to source token t and copies it, and the
    source end-of-sentence token (added to the source) ends the output. Symbols
    outside the vocabulary (placeholders) become <unk> and come back through
    replace_unknowns, as with real Argos models. Used to test what must survive
    translation; it is exact, fast and needs no training.
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    model, vocab = sentencepiece_model(corpus, 200)
    positions = 512
    size = len(vocab) + positions
    size += (-size) % 8
    zeros = lambda *shape: np.zeros(shape, dtype=np.float32)  # noqa: E731
    ones = np.ones(size, dtype=np.float32)
    tokens = zeros(len(vocab), size)
    tokens[np.arange(len(vocab)), np.arange(len(vocab))] = 1.0
    where = zeros(positions, size)
    where[np.arange(positions), len(vocab) + np.arange(positions)] = 1.0

    spec = transformer_spec.TransformerSpec.from_config((1, 1), 1)
    spec.config.add_source_eos = True
    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = where
        side.layer_norm.gamma, side.layer_norm.beta = ones, zeros(size)
    spec.encoder.embeddings[0].weight = tokens
    spec.decoder.embeddings.weight = tokens
    for layer in (spec.encoder.layer[0], spec.decoder.layer[0]):
        layer.self_attention.layer_norm.gamma, layer.self_attention.layer_norm.beta = ones, zeros(size)
        layer.self_attention.linear[0].weight = zeros(3 * size, size)
        layer.self_attention.linear[1].weight = zeros(size, size)
        layer.ffn.layer_norm.gamma, layer.ffn.layer_norm.beta = ones, zeros(size)
        layer.ffn.linear_0.weight, layer.ffn.linear_1.weight = zeros(8, size), zeros(size, 8)
    attention = spec.decoder.layer[0].attention
    attention.layer_norm.gamma, attention.layer_norm.beta = ones, zeros(size)
    pos = slice(len(vocab), len(vocab) + positions)
    query = zeros(size, size)
    query[pos, pos] = 30.0 * np.eye(positions)  # sharp: one source position per step
    key_value = zeros(2 * size, size)
    key_value[pos, pos] = np.eye(positions)
    key_value[size : size + len(vocab), : len(vocab)] = np.eye(len(vocab))
    output = zeros(size, size)
    output[: len(vocab), : len(vocab)] = 8.0 * np.eye(len(vocab))  # the copied token outweighs the previous one
    attention.linear[0].weight, attention.linear[1].weight, attention.linear[2].weight = query, key_value, output
    spec.decoder.projection.weight = tokens[:, :].copy()
    return package(out, spec, vocab, model, from_code, to_code, version, f"test {from_code}-{to_code} (copies)")


def sinusoids(length: int, d_model: int):
    """Sinusoidal position encodings, sines then cosines, as CTranslate2 lays them out."""
    import numpy as np

    steps = np.arange(length, dtype=np.float32)[:, None]
    rates = np.exp(-np.log(10000.0) * np.arange(d_model // 2, dtype=np.float32) / (d_model // 2 - 1))
    return np.concatenate([np.sin(steps * rates), np.cos(steps * rates)], axis=1).astype(np.float32)


def _stop_after(spec, length: int, d_model: int, eos: int, slope: float = 0.5) -> None:
    """Make a random decoder end its output after about `length` tokens, as a trained one would.

    Without this, a random model repeats one token until CTranslate2's 256-token
    limit. The decoder's position encodings (sinusoidal, as usual) get one more
    component that grows with the position; only the end-of-sentence logit reads
    it, so beam search stops once that component is large.
    """
    import numpy as np

    encodings = sinusoids(1024, d_model)
    encodings[:, -1] = slope * (np.arange(1024, dtype=np.float32) - length)
    spec.decoder.position_encodings.encodings = encodings
    projection = spec.decoder.projection.weight
    projection[:, -1] = 0.0
    projection[eos] = 0.0
    projection[eos, -1] = 2.0


def sentencepiece_model(corpus: Iterable[str], vocab_size: int, character_coverage: float = 1.0):
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(corpus)),
        model_writer=model,
        vocab_size=vocab_size,
        character_coverage=character_coverage,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return model, [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def package(out: Path, spec, vocab, model, from_code: str, to_code: str, version: str, name: str) -> Path:
    """Save the model int8 with its SentencePiece model and metadata.json, zipped in one top folder."""
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    top = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / top
        (folder / "model").mkdir(parents=True)
        spec.validate()
        spec.optimize(quantization="int8")
        spec.save(str(folder / "model"))
        (folder / "sentencepiece.model").write_bytes(model.getvalue())
        metadata = {
            "package_version": version,
            "argos_version": "1.9",
            "from_code": from_code,
            "to_code": to_code,
            "type": "translate",
            "package_name": name,
        }
        (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (folder / "README.md").write_text(f"{name}: a model for tests, not for translation.\n")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                archive.write(path, path.relative_to(tmp).as_posix())
    return out


def _set(spec, name: str, array) -> None:
    """Set a variable by its path: "encoder/layer_0/self_attention/linear_0/weight"."""
    node = spec
    *parents, leaf = name.split("/")
    for part in parents:
        base, _, index = part.rpartition("_")
        indexed = index.isdigit() and hasattr(node, base)  # "layer_0" is spec.layer[0]
        node = getattr(node, base)[int(index)] if indexed else getattr(node, part)
    setattr(node, leaf, array)

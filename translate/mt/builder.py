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
) -> Path:
    import ctranslate2  # noqa: F401 - fail early with ImportError if MT is not installed
    import numpy as np
    import sentencepiece as spm
    from ctranslate2.specs import transformer_spec

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(corpus)),
        model_writer=model,
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]

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
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)

    top = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / top
        spec.validate()
        spec.optimize(quantization="int8")
        (folder / "model").mkdir(parents=True)
        spec.save(str(folder / "model"))
        (folder / "sentencepiece.model").write_bytes(model.getvalue())
        metadata = {
            "package_version": version,
            "argos_version": "1.9",
            "from_code": from_code,
            "to_code": to_code,
            "type": "translate",
            "package_name": f"test {from_code}-{to_code} ({d_model}d, {layers[0]}+{layers[1]} layers, random)",
        }
        (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (folder / "README.md").write_text("A randomly initialised model for tests; its output is noise.\n")
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

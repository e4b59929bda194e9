"""The fast path: every pending unit, one model load, one CTranslate2 call.

Units are already sentences, so there is no sentence splitting and no
paragraph loop as in ``argostranslate.translate``; the decoding settings are
Argos Translate's (beam 4, length penalty 0.2, unknowns replaced, the
package's target prefix, the same SentencePiece decoding).

By default each sentence is its own batch and the batches run in parallel,
one core each (``inter_threads``): then a sentence comes out exactly as
``argostranslate.translate`` gives it (a test proves it). Larger batches
(``max_batch_size``) pad sentences together, which changes the arithmetic
enough that beam search can pick another word: faster on some models, but
not identical.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from translate.errors import InputError
from translate.mt.packages import Package, installed, missing_pair_message, route

#: Argos Translate's decoding settings.
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2


@dataclass(frozen=True)
class Settings:
    beam_size: int = BEAM_SIZE
    compute_type: str = "int8"
    inter_threads: int = max(1, min(4, os.cpu_count() or 1))  # parallel batches, one core each
    intra_threads: int = 1
    max_batch_size: int = 1  # 1: identical to argostranslate; more: padded batches, not bit-exact


class Engine:
    """One package, loaded once: its CTranslate2 translator and SentencePiece model."""

    def __init__(self, package: Package, settings: Settings | None = None):
        try:
            import ctranslate2
            import sentencepiece
        except ImportError:
            raise InputError("machine translation needs: pip install 'newsdesk-translate[mt]'") from None
        self.package = package
        self.settings = settings or Settings()
        self.translator = ctranslate2.Translator(
            str(package.path / "model"),
            device="cpu",
            compute_type=self.settings.compute_type,
            inter_threads=self.settings.inter_threads,
            intra_threads=self.settings.intra_threads,
        )
        self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate sentences in length-sorted batches; results come back in input order."""
        if not sentences:
            return []
        tokens = [self.tokenizer.encode(s, out_type=str) for s in sentences]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        prefix = self.package.target_prefix
        results = self.translator.translate_batch(
            [tokens[i] for i in order],
            target_prefix=[[prefix]] * len(order) if prefix else None,
            replace_unknowns=True,
            max_batch_size=self.settings.max_batch_size,
            beam_size=self.settings.beam_size,
            num_hypotheses=1,
            length_penalty=LENGTH_PENALTY,
        )
        out = [""] * len(tokens)
        for i, result in zip(order, results, strict=True):
            out[i] = self.decode(result.hypotheses[0])
        return out

    def decode(self, tokens: list[str]) -> str:
        """Argos Translate's decoding, byte for byte (it also turns "_" into spaces)."""
        value = self.tokenizer.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
        prefix = self.package.target_prefix
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        return value[1:] if value.startswith(" ") else value


class Router:
    """Engines per language pair, loaded on first use; ko→ja goes through English."""

    def __init__(self, packages: list[Package] | None = None, settings: Settings | None = None):
        self.packages = installed() if packages is None else packages
        self.settings = settings
        self._engines: dict[str, Engine] = {}

    def chain(self, src: str, tgt: str) -> list[Package]:
        hops = route(src, tgt, self.packages)
        if not hops:
            raise InputError(missing_pair_message(src, tgt))
        return hops

    def translate(self, sentences: Sequence[str], src: str, tgt: str) -> tuple[list[str], list[Package]]:
        """Translated sentences and the packages used (two when pivoted)."""
        hops = self.chain(src, tgt)
        texts = list(sentences)
        for package in hops:
            engine = self._engines.get(str(package.path))
            if engine is None:
                engine = self._engines[str(package.path)] = Engine(package, self.settings)
            texts = engine.translate(texts)
        return texts, hops

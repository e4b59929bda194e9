"""The fast path: every pending unit, one model load, one CTranslate2 call.

Units are already sentences, so there is no sentence splitting and no
paragraph loop as in ``argostranslate.translate``; the decoding settings are
Argos Translate's (beam 4, length penalty 0.2, unknowns replaced, the
package's target prefix, the same SentencePiece decoding).

Sentences are batched by their length in tokens: a batch holds sentences of
the same length only, so nothing is padded, and the batches run in parallel,
one core each (``inter_threads``). With int8 weights (Argos packages, and the
default here) CTranslate2 then does the same arithmetic for a sentence as when
it translates it alone, so the output is that of ``argostranslate.translate``
(a test proves it; in our measurements even the beam scores were
bit-identical). Padded batches of mixed lengths (``padded=True``) are faster
still but change scores in the last digits, which lets beam search pick
another word where two are tied that closely; float32 weights do the same even
without padding.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import InputError
from translate.mt import cache
from translate.mt.cache import Cache
from translate.mt.packages import Package, missing_pair_message, model_bin_problem, route, scan

#: Argos Translate's decoding settings.
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2


@dataclass(frozen=True)
class Settings:
    beam_size: int = BEAM_SIZE
    compute_type: str = "int8"
    inter_threads: int = max(1, min(4, os.cpu_count() or 1))  # parallel batches, one core each
    intra_threads: int = 1
    max_batch_size: int = 32
    padded: bool = False  # True: mixed lengths in a batch; faster, not bit-exact


class Engine:
    """One package, loaded once: its CTranslate2 translator and SentencePiece model."""

    def __init__(self, package: Package, settings: Settings | None = None, cache_folder: Path | None = None):
        try:
            import ctranslate2
            import sentencepiece
        except ImportError:
            raise InputError("machine translation needs: pip install 'newsdesk-translate[mt]'") from None
        self.package = package
        self.settings = settings or Settings()
        model_bin = package.path / "model" / "model.bin"
        _check_model_bin(model_bin)
        try:
            self.translator = ctranslate2.Translator(
                str(package.path / "model"),
                device="cpu",
                compute_type=self.settings.compute_type,
                inter_threads=self.settings.inter_threads,
                intra_threads=self.settings.intra_threads,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise InputError(f"cannot load the CTranslate2 model: {_first_line(exc)}", model_bin) from None
        spm = package.path / "sentencepiece.model"
        try:
            self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(spm))
        except (RuntimeError, ValueError, OSError) as exc:
            raise InputError(f"cannot load the SentencePiece model: {_first_line(exc)}", spm) from None
        self.cache = None if cache_folder is None else Cache(cache_folder, self.cache_key())
        self.cached = 0  # sentences the cache answered

    def cache_key(self) -> str:
        """Everything that decides an output: the model files, the decoding settings, the prefix."""
        decoding = {
            "beam_size": self.settings.beam_size,
            "length_penalty": LENGTH_PENALTY,
            "compute_type": self.settings.compute_type,
            "padded": self.settings.padded,
            "max_batch_size": self.settings.max_batch_size if self.settings.padded else 0,
            "target_prefix": self.package.target_prefix,
        }
        files = [self.package.path / "model" / "model.bin", self.package.path / "sentencepiece.model"]
        return cache.key(self.package.signature, files, decoding)

    def translate(self, sentences: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        """Translate sentences; results come back in input order, progress(n) after each batch.

        Sentences the cache knows are not translated again; each batch's results
        are kept in it before the next batch is collected.
        """
        known = [self.cache.get(s) if self.cache is not None else None for s in sentences]
        out = [k or "" for k in known]
        todo = [i for i, k in enumerate(known) if k is None]
        self.cached += len(sentences) - len(todo)
        if progress and len(todo) < len(sentences):
            progress(len(sentences) - len(todo))
        tokens = [self.tokenizer.encode(sentences[i], out_type=str) for i in todo]
        in_flight: deque = deque()  # a few batches ahead of the workers, so Ctrl-C is heard soon
        for batch in self.batches(tokens):
            in_flight.append(([todo[i] for i in batch], self._submit([tokens[i] for i in batch])))
            if len(in_flight) > 2 * self.settings.inter_threads:
                self._collect(*in_flight.popleft(), out, progress, sentences)
        while in_flight:
            self._collect(*in_flight.popleft(), out, progress, sentences)
        return out

    def batches(self, tokens: list[list[str]]) -> list[list[int]]:
        """Indices of sentences per batch: same length only, unless padded batches are allowed."""
        size = self.settings.max_batch_size
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        runs: list[list[int]] = []
        for i in order:
            if runs and len(runs[-1]) < size and (self.settings.padded or len(tokens[runs[-1][0]]) == len(tokens[i])):
                runs[-1].append(i)
            else:
                runs.append([i])
        return runs

    def _submit(self, batch: list[list[str]]):
        prefix = self.package.target_prefix
        return self.translator.translate_batch(
            batch,
            target_prefix=[[prefix]] * len(batch) if prefix else None,
            replace_unknowns=True,
            max_batch_size=len(batch),
            beam_size=self.settings.beam_size,
            num_hypotheses=1,
            length_penalty=LENGTH_PENALTY,
            asynchronous=True,
        )

    def _collect(
        self, batch: list[int], futures, out: list[str], progress: Callable[[int], None] | None, sources
    ) -> None:
        for i, future in zip(batch, futures, strict=True):
            try:
                result = future.result()
            except (RuntimeError, ValueError) as exc:
                where = self.package.path / "model" / "model.bin"
                raise InputError(f"the CTranslate2 model failed: {_first_line(exc)}", where) from None
            out[i] = self.decode(result.hypotheses[0])
        if self.cache is not None:
            self.cache.add([(sources[i], out[i]) for i in batch])
        if progress:
            progress(len(batch))

    def decode(self, tokens: list[str]) -> str:
        """Argos Translate's decoding, byte for byte (it also turns "_" into spaces)."""
        value = self.tokenizer.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
        prefix = self.package.target_prefix
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        return value[1:] if value.startswith(" ") else value


class Router:
    """Engines per language pair, loaded on first use; ko→ja goes through English."""

    def __init__(
        self, packages: list[Package] | None = None, settings: Settings | None = None, cache: Path | None = None
    ):
        self.cache = cache  # the folder results are kept in as they come (None: keep nothing)
        self.broken: list[InputError] = []
        if packages is None:
            packages, self.broken = scan()
        self.packages = packages
        self.settings = settings
        self._engines: dict[str, Engine] = {}

    def chain(self, src: str, tgt: str) -> list[Package]:
        hops = route(src, tgt, self.packages)
        if not hops and self.broken:  # the package for this pair may be the broken one: say what is wrong
            raise self.broken[0]
        if not hops:
            raise InputError(missing_pair_message(src, tgt))
        return hops

    def translate(
        self, sentences: Sequence[str], src: str, tgt: str, progress: Callable[[int], None] | None = None
    ) -> tuple[list[str], list[Package]]:
        """Translated sentences and the packages used (two when pivoted); progress counts sentence-hops."""
        hops = self.chain(src, tgt)
        texts = list(sentences)
        for package in hops:
            engine = self._engines.get(str(package.path))
            if engine is None:
                engine = self._engines[str(package.path)] = Engine(package, self.settings, self.cache)
            texts = engine.translate(texts, progress)
        return texts, hops

    @property
    def cached(self) -> int:
        """Sentence-hops the cache answered instead of a model."""
        return sum(engine.cached for engine in self._engines.values())


def _check_model_bin(path) -> None:
    """An installed model.bin walked before CTranslate2 reads it: one line instead of a C++ exception."""
    try:
        with open(path, "rb") as handle:
            problem = model_bin_problem(handle, complete=True)
    except OSError as exc:
        from translate.files import os_problem

        raise InputError(f"cannot read the CTranslate2 model: {os_problem(exc)}", path) from None
    if problem:
        raise InputError(f"not a CTranslate2 model: {problem}; reinstall the package", path)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]

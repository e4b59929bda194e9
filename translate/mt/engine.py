"""The fast path: every pending unit, one model load, one CTranslate2 call.

Units are already sentences, so there is no sentence splitting and no
paragraph loop as in ``argostranslate.translate``; the decoding settings are
Argos Translate's (beam 4, length penalty 0.2, unknowns replaced, the
package's target prefix, the same SentencePiece decoding). Converted OPUS-MT,
NLLB-200 and M2M-100 models (translate/mt/models.py) take the same path with
the tokens their Hugging Face tokenizers make and a length penalty of 1.0.

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
from translate.mt import cache, models
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
    """One model for one pair, loaded once: its CTranslate2 translator and SentencePiece model(s).

    The package's ``kind`` decides the tokens (translate/mt/models.py): Argos packages as
    argostranslate makes them, converted OPUS-MT, NLLB-200 and M2M-100 models as their Hugging
    Face tokenizers do. ``translator`` lets pairs of one multilingual model share its weights.
    """

    def __init__(
        self,
        package: Package,
        settings: Settings | None = None,
        cache_folder: Path | None = None,
        translator: object | None = None,
    ):
        try:
            import ctranslate2
            import sentencepiece
        except ImportError:
            raise InputError("machine translation needs: pip install 'newsdesk-translate[mt]'") from None
        self.package = package
        self.settings = settings or Settings()
        self.layout = models.layout(package)
        models.check(package)
        self.length_penalty = models.LENGTH_PENALTY.get(package.kind, models.DEFAULT_LENGTH_PENALTY)
        self.model_bin = self.layout.model / "model.bin"
        if translator is None:
            _check_model_bin(self.model_bin)
            try:
                translator = ctranslate2.Translator(
                    str(self.layout.model),
                    device="cpu",
                    compute_type=self.settings.compute_type,
                    inter_threads=self.settings.inter_threads,
                    intra_threads=self.settings.intra_threads,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise InputError(f"cannot load the CTranslate2 model: {_first_line(exc)}", self.model_bin) from None
        self.translator = translator
        spms = {}
        for spm in dict.fromkeys([self.layout.source_spm, self.layout.target_spm]):
            try:
                spms[spm] = sentencepiece.SentencePieceProcessor(model_file=str(spm))
            except (RuntimeError, ValueError, OSError) as exc:
                raise InputError(f"cannot load the SentencePiece model: {_first_line(exc)}", spm) from None
        self.tokenizer = spms[self.layout.source_spm]  # source side
        self.target_tokenizer = spms[self.layout.target_spm]
        self.tokens = models.special_tokens(self.layout.model / "config.json")
        self.cache = None if cache_folder is None else Cache(cache_folder, self.cache_key())
        self.cached = 0  # sentences the cache answered

    def cache_key(self) -> str:
        """Everything that decides an output: the model files, the decoding settings, the token conventions."""
        decoding = {
            "beam_size": self.settings.beam_size,
            "length_penalty": self.length_penalty,
            "compute_type": self.settings.compute_type,
            "padded": self.settings.padded,
            "max_batch_size": self.settings.max_batch_size if self.settings.padded else 0,
            "target_prefix": self.package.target_prefix,
        }
        if self.package.kind != "argos":  # Argos keys stay as they were: their caches keep serving
            decoding |= {
                "kind": self.package.kind,
                "conventions": models.CONVENTIONS[self.package.kind],
                "source_prefix": self.package.source_prefix,
                "eos": self.tokens["eos"],
                "unk": self.tokens["unk"],
            }
        argos = self.package.kind == "argos"
        files = [self.model_bin, self.layout.source_spm] if argos else self.layout.files
        return cache.key(self.package.signature, files, decoding)

    def translate(self, sentences: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        """Translate sentences; results come back in input order, progress(n) after each batch.

        Sentences the cache knows are not translated again; each batch's results
        are kept in it before the next batch is collected.
        """
        out, todo = self.known(sentences, progress)
        tokens = [self.encode(sentences[i]) for i in todo]
        in_flight: deque = deque()  # a few batches ahead of the workers, so Ctrl-C is heard soon
        for batch in self.batches(tokens):
            in_flight.append(([todo[i] for i in batch], self._submit([tokens[i] for i in batch])))
            if len(in_flight) > 2 * self.settings.inter_threads:
                self._collect(*in_flight.popleft(), out, progress, sentences)
        while in_flight:
            self._collect(*in_flight.popleft(), out, progress, sentences)
        return out

    def known(
        self, sentences: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> tuple[list[str], list[int]]:
        """The outputs the cache already holds ("" for the rest) and the indices still to translate;
        the cached ones are counted and reported as progress, wherever the rest is translated."""
        known = [self.cache.get(s) if self.cache is not None else None for s in sentences]
        todo = [i for i, k in enumerate(known) if k is None]
        self.cached += len(sentences) - len(todo)
        if progress and len(todo) < len(sentences):
            progress(len(sentences) - len(todo))
        return [k or "" for k in known], todo

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

    def encode(self, text: str) -> list[str]:
        """The source tokens of a sentence as CTranslate2 is given them, special tokens included."""
        kind = self.package.kind
        if kind == "argos":
            return self.tokenizer.encode(text, out_type=str)
        if kind == "opus-mt":  # MarianTokenizer: a leading >>jpn<< stays whole, then the pieces, then </s>
            code = []
            end = text.find("<<") if text.startswith(">>") else -1
            if end != -1:
                code, text = [text[: end + 2]], text[end + 2 :]
            return [*code, *self.tokenizer.encode(text, out_type=str), self.tokens["eos"]]
        # NllbTokenizer (not legacy) and M2M100Tokenizer: the language token, the pieces, </s>
        return [self.package.source_prefix, *self.tokenizer.encode(text, out_type=str), self.tokens["eos"]]

    def prefix(self) -> list[str] | None:
        """The tokens every translation starts with (stripped by decode), or None."""
        return [self.package.target_prefix] if self.package.target_prefix else None

    def _submit(self, batch: list[list[str]]):
        prefix = self.prefix()
        return self.translator.translate_batch(
            batch,
            target_prefix=[prefix] * len(batch) if prefix else None,
            replace_unknowns=True,
            max_batch_size=len(batch),
            beam_size=self.settings.beam_size,
            num_hypotheses=1,
            length_penalty=self.length_penalty,
            asynchronous=True,
        )

    def _collect(
        self, batch: list[int], futures, out: list[str], progress: Callable[[int], None] | None, sources
    ) -> None:
        for i, future in zip(batch, futures, strict=True):
            try:
                result = future.result()
            except (RuntimeError, ValueError) as exc:
                where = self.model_bin
                raise InputError(f"the CTranslate2 model failed: {_first_line(exc)}", where) from None
            out[i] = self.decode(result.hypotheses[0])
        if self.cache is not None:
            self.cache.add([(sources[i], out[i]) for i in batch])
        if progress:
            progress(len(batch))

    def decode(self, tokens: list[str]) -> str:
        """Hypothesis tokens to text, the target prefix dropped, as the model's own tokenizer decodes them."""
        if self.package.kind == "argos":  # Argos Translate's decoding, byte for byte (it also turns "_" into spaces)
            value = self.tokenizer.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
            prefix = self.package.target_prefix
            if prefix and value.startswith(prefix):
                value = value[len(prefix) :]
            return value[1:] if value.startswith(" ") else value
        prefix = self.prefix() or []
        if tokens[: len(prefix)] == prefix:
            tokens = tokens[len(prefix) :]
        # Special tokens are skipped, as the Hugging Face translation pipeline does (skip_special_tokens).
        pieces = [t for t in tokens if not self._special(t)]
        return self.target_tokenizer.decode_pieces(pieces).replace("▁", " ").strip()

    def _special(self, token: str) -> bool:
        if self.package.kind == "opus-mt":  # MarianTokenizer's special tokens; its vocab holds both sides' pieces
            return token in (self.tokens["eos"], self.tokens["unk"], "<pad>")
        # NLLB-200, M2M-100: whatever is no piece of the SentencePiece model (language tokens, <mask>,
        # madeupwordN, which M2M100Tokenizer reads as <unk>), and its control and unknown pieces
        spm = self.target_tokenizer
        piece = spm.piece_to_id(token)
        return spm.is_unknown(piece) or spm.is_control(piece)


class Router:
    """Engines per language pair, loaded on first use; ko→ja goes through English.

    ``choices`` (the workspace's [mt] section) names the model of some pairs; every other
    pair, and each leg of a pivot not named, is served by the installed Argos packages.
    """

    def __init__(
        self,
        packages: list[Package] | None = None,
        settings: Settings | None = None,
        cache: Path | None = None,
        choices: models.Choices | None = None,
    ):
        self.cache = cache  # the folder results are kept in as they come (None: keep nothing)
        self.broken: list[InputError] = []
        if packages is None:
            packages, self.broken = scan()
        self.packages = packages
        self.settings = settings
        self.choices = choices or models.Choices()
        self._engines: dict[tuple[str, str, str], Engine] = {}
        self._translators: dict[str, object] = {}  # one per model folder: NLLB's pairs share its weights

    def chain(self, src: str, tgt: str) -> list[Package]:
        hops = route(src, tgt, models.candidates(self.choices, self.packages))
        if not hops and self.broken:  # the package for this pair may be the broken one: say what is wrong
            raise self.broken[0]
        if not hops:
            raise InputError(missing_pair_message(src, tgt))
        for hop in hops:
            models.check(hop)  # a configured model's files, before any model runs
        return hops

    def engine(self, package: Package) -> Engine:
        """The loaded engine of one hop (loaded now if it is not yet)."""
        key = (str(package.path), package.from_code, package.to_code)
        engine = self._engines.get(key)
        if engine is None:
            shared = self._translators.get(str(package.path))
            engine = self._engines[key] = Engine(package, self.settings, self.cache, translator=shared)
            self._translators[str(package.path)] = engine.translator
        return engine

    def translate(
        self, sentences: Sequence[str], src: str, tgt: str, progress: Callable[[int], None] | None = None
    ) -> tuple[list[str], list[Package]]:
        """Translated sentences and the packages used (two when pivoted); progress counts sentence-hops."""
        hops = self.chain(src, tgt)
        texts = list(sentences)
        for package in hops:
            texts = self.engine(package).translate(texts, progress)
        return texts, hops

    @property
    def cached(self) -> int:
        """Sentence-hops the cache answered instead of a model."""
        return sum(engine.cached for engine in self._engines.values())

    def last_hop(self, sentences: Sequence[str], src: str, tgt: str) -> tuple[Engine, list[str]]:
        """The engine of a pair's last hop and what it is given for these sentences, for re-decoding them.

        Pivoted, that is the first hop's output again (from the cache, or decoded as before); those
        sentence-hops are not counted in ``cached``, since nobody asked for them twice.
        """
        hops = self.chain(src, tgt)
        texts = list(sentences)
        for package in hops[:-1]:
            engine = self.engine(package)
            counted = engine.cached
            texts = engine.translate(texts)
            engine.cached = counted
        return self.engine(hops[-1]), texts


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

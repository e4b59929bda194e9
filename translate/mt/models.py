"""Converted models beyond Argos Translate, chosen per language pair in translate.toml.

A newsroom names a model folder and its kind, then which pairs it serves::

    [mt.models.nllb]
    kind = "nllb"                  # argos | opus-mt | nllb | m2m100
    path = "models/nllb-200-distilled-600M-ct2"
    licence = "CC-BY-NC-4.0"       # optional: shown by `translate models list`; the kind's default otherwise
    [mt.pairs]
    "ko-en" = "nllb"
    "en-ja" = "opus-en-jap"

Every pair not named keeps the installed Argos packages. The folders are what
``ct2-transformers-converter`` writes (model.bin, config.json, the vocabulary
JSON), with the tokenizer's SentencePiece files copied beside them
(``--copy_files``); the tokens given to CTranslate2 are the ones the Hugging
Face tokenizer of that model makes:

- ``opus-mt`` (Marian): source.spm pieces, then ``</s>``; a leading ``>>jpn<<``
  stays one token; the output is decoded with target.spm.
- ``nllb`` (NLLB-200): ``kor_Hang`` + sentencepiece.bpe.model pieces + ``</s>``
  (NllbTokenizer's current, non-legacy order); the target language token is the
  target prefix.
- ``m2m100``: the same with ``__ko__``-style tokens.

Decoding skips special tokens, as the Hugging Face translation pipeline does.
One NLLB or M2M-100 model serves every pair it is named for, directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from translate.catalog.model_choices import KINDS, LICENCES, NLLB_CODES, Choices, Model
from translate.catalog.workspace import Workspace
from translate.errors import InputError
from translate.mt import packages
from translate.mt.packages import Package, read_package

__all__ = [
    "KINDS",
    "LICENCES",
    "NLLB_CODES",
    "Choices",
    "Model",
    "candidates",
    "check",
    "hop",
    "inventory",
    "layout",
    "step",
]

#: The length penalty beam search uses: Argos Translate's, else CTranslate2's and Hugging Face's default.
LENGTH_PENALTY = {"argos": 0.2}
DEFAULT_LENGTH_PENALTY = 1.0
#: Bumped when the tokens given to a model, or the decoding of its output, change: the MT cache key holds it.
CONVENTIONS = {"argos": 1, "opus-mt": 1, "nllb": 1, "m2m100": 1}


def candidates(choices: Choices, packages: list[Package]) -> list[Package]:
    """The steps routes are made of: named pairs' models, then Argos packages for every other pair."""
    named = {(s, t) for s, t, _ in choices.pairs}
    configured = [step(choices, s, t) for s, t, _ in choices.pairs]
    return [*configured, *(p for p in packages if (p.from_code, p.to_code) not in named)]


def step(choices: Choices, src: str, tgt: str) -> Package:
    """The model [mt.pairs] names for ``src`` → ``tgt``, as a step of a route."""
    model = choices.named(src, tgt)
    assert model is not None
    found = hop(model, src, tgt)
    if model.kind == "argos" and (found.from_code, found.to_code) != (src, tgt):
        raise InputError(
            f"model {model.name!r} is an Argos package for {found.pair}, but [mt.pairs] names it for {src}→{tgt}",
            model.folder / "metadata.json",
        )
    return found


def hop(model: Model, src: str, tgt: str) -> Package:
    """This model as the step that takes ``src`` to ``tgt`` (files are checked by :func:`check`)."""
    if model.kind == "argos":
        package = read_package(model.folder)
        return Package(
            model.folder,
            package.from_code,
            package.to_code,
            package.name,
            package.version,
            package.target_prefix,
            licence=model.licence or package.licence,
        )
    return Package(
        model.folder,
        src,
        tgt,
        model.name,
        "",
        target_prefix=model.language_token(tgt),
        kind=model.kind,
        licence=model.shown_licence,
        source_prefix=model.language_token(src),
    )


# --- the files of each layout --------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where a kind keeps its files, and what decides its output besides the weights."""

    model: Path  # the folder CTranslate2 loads
    source_spm: Path
    target_spm: Path
    vocabularies: tuple[Path, ...]  # as the converter wrote them (empty for Argos: its model/ holds them)

    @property
    def files(self) -> list[Path]:
        """The files a cached translation depends on."""
        spms = dict.fromkeys([self.source_spm, self.target_spm])
        extra = [self.model / "config.json"] if (self.model / "config.json").is_file() else []
        return [self.model / "model.bin", *spms, *self.vocabularies, *extra]


_VOCABULARIES = (
    ("shared_vocabulary.json",),
    ("shared_vocabulary.txt",),
    ("source_vocabulary.json", "target_vocabulary.json"),
    ("source_vocabulary.txt", "target_vocabulary.txt"),
)


def layout(package: Package) -> Layout:
    """The files of an installed Argos package or a converted model folder."""
    root = package.path
    if package.kind == "argos":
        vocabularies = tuple(p for p in sorted((root / "model").glob("*vocabulary*")) if p.is_file())
        return Layout(root / "model", root / "sentencepiece.model", root / "sentencepiece.model", vocabularies)
    found = next(
        (tuple(root / name for name in names) for names in _VOCABULARIES if all((root / n).is_file() for n in names)),
        (),
    )
    if package.kind == "opus-mt":
        return Layout(root, root / "source.spm", root / "target.spm", found)
    return Layout(root, root / "sentencepiece.bpe.model", root / "sentencepiece.bpe.model", found)


def check(package: Package) -> None:
    """A converted model's folder holds what its kind needs, and knows the language tokens asked of it."""
    if package.kind == "argos":
        return
    files = layout(package)
    name = f"model {package.name!r} ({package.kind})"
    if not package.path.is_dir():
        raise InputError(f"{name}: no such folder (convert it with ct2-transformers-converter)", package.path)
    needed = [files.model / "model.bin", files.source_spm, files.target_spm]
    for path in needed:
        if not path.is_file():
            copy = " --copy_files " + " ".join(dict.fromkeys(p.name for p in needed[1:]))
            hint = f" (ct2-transformers-converter{copy} copies it)" if path != needed[0] else ""
            raise InputError(f"{name}: {path.name} missing{hint}", path)
    if not files.vocabularies:
        problem = "no shared_vocabulary.json (or source/target vocabularies) beside model.bin"
        raise InputError(f"{name}: {problem}", files.model)
    sides = ((package.source_prefix, files.vocabularies[0]), (package.target_prefix, files.vocabularies[-1]))
    for token, where in sides:
        if token and token not in vocabulary(where):
            raise InputError(
                f"{name} has no language token {token!r}: not an {package.kind} model, or not for this language",
                where,
            )


_VOCABULARY_CACHE: dict[tuple[str, int, int], frozenset[str]] = {}


def vocabulary(path: Path) -> frozenset[str]:
    """The tokens of a converted vocabulary file (JSON list, or one token a line), read once per version."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _VOCABULARY_CACHE:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            try:
                tokens = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"not a CTranslate2 vocabulary: {exc.msg} at line {exc.lineno}", path) from None
            if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
                raise InputError("not a CTranslate2 vocabulary: not a list of tokens", path)
        else:
            tokens = text.splitlines()
        _VOCABULARY_CACHE[key] = frozenset(tokens)
    return _VOCABULARY_CACHE[key]


def special_tokens(config: Path) -> dict[str, str]:
    """The end and unknown tokens the converter wrote to config.json (Marian: ``</s>``, ``<unk>``)."""
    tokens = {"eos": "</s>", "unk": "<unk>"}
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return tokens
    if isinstance(data, dict):
        for key in tokens:
            if isinstance(data.get(f"{key}_token"), str) and data[f"{key}_token"]:
                tokens[key] = data[f"{key}_token"]
    return tokens


def inventory(ws: Workspace) -> tuple[Path, list[Package], list[InputError], list[dict], list[tuple]]:
    """``translate models list``: the Argos folder, its packages and broken ones, every pair of the workspace
    with the steps that serve it, and each [mt.models] table with its pairs and what is wrong with its files."""
    found, broken = packages.scan()
    configured = []  # each [mt.models] table: the model, the pairs it serves, what is wrong with its folder
    for model in ws.mt.models:
        served = [(s, t) for s, t, n in ws.mt.pairs if n == model.name]
        try:
            for src, tgt in served:
                check(step(ws.mt, src, tgt))
            problem = None
        except InputError as exc:
            problem = str(exc)
        configured.append((model, [f"{s}→{t}" for s, t in served], problem))
    fine = {model.name for model, _, problem in configured if problem is None}
    steps = [step(ws.mt, s, t) for s, t, n in ws.mt.pairs if n in fine]  # a named pair never falls back to Argos
    steps += [p for p in found if (p.from_code, p.to_code) not in {(s, t) for s, t, _ in ws.mt.pairs}]
    return packages.packages_dir(), found, broken, packages.workspace_pairs(ws.languages, steps), configured
